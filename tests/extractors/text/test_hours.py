import pytest

from cecintake.errors import ParseError
from cecintake.extractors.text.hours import HoursKind, find_hours, parse_duration


@pytest.mark.parametrize(
    ("text", "hours", "kind"),
    [
        pytest.param("Contact hours: 6.5", 6.5, HoursKind.CONTACT, id="label"),
        pytest.param("6.5 CE hours", 6.5, HoursKind.CONTACT, id="ce-hours"),
        pytest.param("0.65 CEUs", 6.5, HoursKind.CEU, id="ceu"),
        pytest.param("1.5 PDH", 1.5, HoursKind.PDH, id="pdh"),
        pytest.param("5 1/2 hours", 5.5, HoursKind.GENERIC, id="fraction"),
        pytest.param("5½ hrs", 5.5, HoursKind.GENERIC, id="vulgar"),
        pytest.param("3 hours 23 minutes", 3 + 23 / 60, HoursKind.GENERIC, id="h-min"),
        pytest.param("3h23m", 3 + 23 / 60, HoursKind.GENERIC, id="compact"),
        pytest.param("47 min", 47 / 60, HoursKind.GENERIC, id="minutes"),
        pytest.param("six contact hours", 6, HoursKind.CONTACT, id="spelled"),
        pytest.param("one and a half hours", 1.5, HoursKind.GENERIC, id="and-a-half"),
        pytest.param("an hour and a half", 1.5, HoursKind.GENERIC, id="hour-and-a-half"),
        pytest.param("volunteered 32 hours", 32, HoursKind.VOLUNTEER, id="volunteered"),
        pytest.param("32 hours of volunteer service", 32, HoursKind.VOLUNTEER, id="of-volunteer"),
        pytest.param("Volunteer Hours: 40", 40, HoursKind.VOLUNTEER, id="volunteer-label"),
        pytest.param("CEUs: 0.6", 6, HoursKind.CEU, id="ceu-label"),
        pytest.param("Total Contact Hours: 12.0 hours", 12, HoursKind.CONTACT, id="label-and-unit"),
    ],
)
def test_examples(text: str, hours: float, kind: HoursKind) -> None:
    found = find_hours(text)
    assert found, text
    assert found[0].hours == pytest.approx(hours, abs=1e-3)
    assert found[0].kind is kind


def test_label_is_more_confident_than_free_text() -> None:
    (lab,) = find_hours("Contact hours: 6")
    (free,) = find_hours("about 6 hours")
    assert lab.confidence > free.confidence


@pytest.mark.parametrize("text", ["09h00 - 10h30", "4th of July", "5 m of rope", "2 days", ""])
def test_not_hours(text: str) -> None:
    assert find_hours(text) == []
    with pytest.raises(ParseError):
        parse_duration(text)


def test_parse_duration() -> None:
    assert parse_duration("3h23m") == pytest.approx(3.3833, abs=1e-3)
