"""Duplicate detection forgives Dutch spelling variants and a missing postcode, and still tells
different people apart."""

import datetime

import pytest

from wijkteam.residents.matching import dutch_key, same_person
from wijkteam.residents.services import DuplicateResidentError, ResidentData, find_duplicates
from wijkteam.testing.factories import MunicipalityFactory, ResidentFactory

BORN = datetime.date(1961, 4, 12)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Meijer", "Meyer"),
        ("Jansen", "Janssen"),
        ("Hendriks", "Hendrickx"),
        ("Smit", "Smid"),
        ("van der Berg", "Van den Berg"),
        ("de Vries", "De  Vries"),
        ("Müller", "Muller"),
    ],
)
def test_spelling_variants_of_one_family_name_match(a, b):
    assert same_person(first_name="Jan", last_name=a, other_first_name="Jan", other_last_name=b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Bakker", "Visser"), ("Dekker", "Bakker"), ("de Jong", "de Boer"), ("Smit", "Smits-Pronk")],
)
def test_different_family_names_do_not_match(a, b):
    assert not same_person(first_name="Jan", last_name=a, other_first_name="Jan", other_last_name=b)


def test_first_names_close_or_an_initial_match_and_others_do_not():
    same = {"last_name": "Meijer", "other_last_name": "Meyer"}
    assert same_person(first_name="Mohammed", other_first_name="Mohamed", **same)
    assert same_person(first_name="J.", other_first_name="Johanna", **same)
    assert not same_person(first_name="Pieter", other_first_name="Fatima", **same)
    assert not same_person(first_name="K", other_first_name="Johanna", **same)


def test_the_dutch_key_hears_ij_and_y_and_double_letters_alike():
    assert dutch_key("Meijer") == dutch_key("Meyer") == "myer"
    assert dutch_key("Janssen") == dutch_key("Jansen")
    assert dutch_key("Van 't Hof") == "fantof"


def _data(**overrides) -> ResidentData:
    fields = {
        "first_name": "Johanna",
        "last_name": "Meyer",
        "date_of_birth": BORN,
        "household_relation": "hoofd",
    }
    fields.update(overrides)
    return ResidentData(**fields)


@pytest.mark.django_db
def test_find_duplicates_without_postcode_and_with_a_misspelling():
    municipality = MunicipalityFactory()
    existing = ResidentFactory(
        household__municipality=municipality,
        first_name="Johanna",
        last_name="Meijer",
        date_of_birth=BORN,
        postcode="1234AB",
    )
    ResidentFactory(
        household__municipality=municipality,
        first_name="Johanna",
        last_name="Bakker",
        date_of_birth=BORN,
    )
    ResidentFactory(
        household__municipality=municipality,
        first_name="Johanna",
        last_name="Meijer",
        date_of_birth=datetime.date(1962, 4, 12),
    )
    elsewhere = MunicipalityFactory(cbs_code="GM0002", name="Gemeente Elders")
    ResidentFactory(
        household__municipality=elsewhere,
        first_name="Johanna",
        last_name="Meijer",
        date_of_birth=BORN,
    )
    assert find_duplicates(municipality=municipality, data=_data()) == [existing]
    assert find_duplicates(municipality=municipality, data=_data(postcode="9999ZZ")) == [existing]
    assert find_duplicates(municipality=municipality, data=_data(last_name="Visser")) == []


@pytest.mark.django_db
def test_a_bsn_match_comes_first_whatever_the_name():
    municipality = MunicipalityFactory()
    same_name = ResidentFactory(
        household__municipality=municipality,
        first_name="Johanna",
        last_name="Meyer",
        date_of_birth=BORN,
    )
    by_bsn = ResidentFactory(
        household__municipality=municipality, bsn="111222333", last_name="Anders"
    )
    found = find_duplicates(municipality=municipality, data=_data(bsn="111222333"))
    assert found == [by_bsn, same_name]
    assert "lijkt al te bestaan" in DuplicateResidentError(found).messages[0]
