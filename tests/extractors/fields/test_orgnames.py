"""The organisation-name helpers of ``extractors/fields/orgnames``."""

from cecintake.extractors.fields.orgnames import acronym_org


def test_acronym_shapes_that_can_name_an_organisation():
    for s in ("NRCS", "USFWS", "SERCAL", "WWF", "SER-MAR", "SER-GL", "SER-CA"):
        assert acronym_org(s), s


def test_capitals_that_name_no_organisation():
    # state and province codes, units of credit, credential letters, headings and words set in capitals,
    # mixed case, and a two-letter acronym unless asked for (a signer's role only)
    for s in ("MD", "CA", "BC", "CEU", "PDH", "PhD", "PE", "CERP", "MS", "CERTIFICATE", "ATTENDANCE", "TOTAL",
              "Nrcs", "NRCS1", "AB-CD", "XY"):
        assert not acronym_org(s), s
    assert acronym_org("XY", min_len=2) and not acronym_org("WI", min_len=2)
