import pytest
from django.core.exceptions import ValidationError

from wijkteam.residents.validators import (
    mask_bsn,
    normalise_bsn,
    normalise_postcode,
    validate_bsn,
    validate_postcode,
)


@pytest.mark.parametrize("value", ["111222333", "123456782"])
def test_valid_bsn(value):
    validate_bsn(value)


@pytest.mark.parametrize("value", ["123456789", "11122233", "1112223334", "abcdefghi", "000000000"])
def test_invalid_bsn(value):
    with pytest.raises(ValidationError) as exc:
        validate_bsn(value)
    assert "elfproef" in exc.value.messages[0]


def test_empty_bsn_stays_empty():
    assert normalise_bsn("") == "" and normalise_bsn("  ") == ""
    assert normalise_bsn("111.22.2333") == "111222333"


def test_mask_bsn_shows_last_three_only():
    assert mask_bsn("111222333") == "******333"
    assert mask_bsn("") == ""


@pytest.mark.parametrize(
    ("raw", "clean"), [("1234 ab", "1234AB"), ("1234AB", "1234AB"), ("9999zz", "9999ZZ")]
)
def test_postcode_normalised(raw, clean):
    validate_postcode(raw)
    assert normalise_postcode(raw) == clean


@pytest.mark.parametrize("value", ["0123AB", "12345", "1234A", "ABCD12"])
def test_invalid_postcode(value):
    with pytest.raises(ValidationError):
        validate_postcode(value)
