import pytest

from cecintake.extractors.text.codes import find_approval_codes
from cecintake.extractors.text.names import name_similarity, normalise_name, split_credentials


@pytest.mark.parametrize(
    ("text", "code", "corrected"),
    [
        pytest.param("Approval code: SER-PA-2024-0137", "SER-PA-2024-0137", False, id="plain"),
        pytest.param("SER-PA-2O24-O137", "SER-PA-2024-0137", True, id="ocr-O"),
        pytest.param("SER-PA-2024-0I37.", "SER-PA-2024-0137", True, id="ocr-I"),
        pytest.param("Approval code: SER 2024-137", "SER 2024-137", False, id="short"),
        pytest.param("CEC approval #2024-0137", "2024-0137", False, id="cec-label"),
    ],
)
def test_codes(text: str, code: str, corrected: bool) -> None:
    (m,) = find_approval_codes(text)
    assert m.code == code
    assert m.corrected is corrected
    if corrected:
        assert m.confidence < 0.8


def test_no_code_in_words() -> None:
    assert find_approval_codes("SERVICE 2024, observer, SER chapter") == []


@pytest.mark.parametrize(
    ("a", "b", "low"),
    [
        pytest.param("Maria L. Fernández", "Maria L. Fernandez", 0.99, id="accent"),
        pytest.param("Dr. Maria Fernandez", "Maria L. Fernandez", 0.9, id="honorific-middle"),
        pytest.param("Fernandez, Maria L.", "Maria Fernandez", 0.9, id="last-first"),
        pytest.param("Anne-Marie Smith", "Anne Marie Smith", 0.95, id="hyphen"),
        pytest.param("John Smith Jr.", "John Smith", 0.95, id="suffix"),
        pytest.param("Prof. John Smith III", "John Smith", 0.95, id="suffix-roman"),
        pytest.param("J. Smith", "John Smith", 0.8, id="initial"),
    ],
)
def test_same_person(a: str, b: str, low: float) -> None:
    assert name_similarity(a, b) >= low


@pytest.mark.parametrize(("a", "b"), [("John Smith", "Jane Smith"), ("John Smith", "Peter Jones"), ("", "A B")])
def test_different_people(a: str, b: str) -> None:
    assert name_similarity(a, b) <= 0.6


def test_normalise() -> None:
    assert normalise_name("Dr. Dana  Whitfield, PhD, CERP") == "dana whitfield"
    assert normalise_name("Whitfield, Dana") == "dana whitfield"


@pytest.mark.parametrize(
    ("text", "name", "creds"),
    [
        ("Dana Whitfield, PhD, CERP", "Dana Whitfield", ["PhD", "CERP"]),
        ("Dana Whitfield PhD", "Dana Whitfield", ["PhD"]),
        ("John Smith Jr., P.E.", "John Smith Jr.", ["P.E."]),
        ("Dana Whitfield", "Dana Whitfield", []),
    ],
)
def test_split_credentials(text: str, name: str, creds: list[str]) -> None:
    assert split_credentials(text) == (name, creds)


def test_ocr_split_code_number_is_joined_and_trusted_less() -> None:
    from cecintake.extractors.text.codes import find_approval_codes

    (m,) = find_approval_codes("Approval Code: SER-PA-2020- 01 18")
    assert m.code == "SER-PA-2020-0118" and m.corrected and m.confidence < 0.9
    (m,) = find_approval_codes("SER 2024-137 6 contact hours")
    assert m.code == "SER 2024-137"  # a following number is not part of a three-digit code
