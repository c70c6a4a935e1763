from wijkteam.cases.reference_data import ZRM_DOMAINS
from wijkteam.socialmap.codes import code_needle, join_codes, split_codes
from wijkteam.socialmap.constants import LifeDomain


def test_life_domains_are_the_projects_zrm_domains():
    assert [(c, str(label)) for c, label in LifeDomain.choices] == ZRM_DOMAINS


def test_code_lists_round_trip_and_are_found_whole():
    stored = join_codes(["huisvesting", "financien", "financien", ""])
    assert stored == "|financien|huisvesting|"
    assert split_codes(stored) == ["financien", "huisvesting"]
    assert code_needle("financien") in stored
    assert join_codes([]) == ""
