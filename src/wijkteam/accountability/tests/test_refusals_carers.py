"""Refusals of consent and the follow-up of overloaded informal carers (issue 12): the
indicators on a hand-built data set with known answers, and the Wmo-raad's tables."""

import datetime
from decimal import Decimal

import pytest

from wijkteam.accountability import services
from wijkteam.accountability.indicators import INDICATORS, value
from wijkteam.accountability.models import Aggregate
from wijkteam.accountability.months import months_from_days
from wijkteam.accountability.snapshot import snapshot_build
from wijkteam.privacy.models import ConsentRefusal
from wijkteam.testing.factories import (
    CaseFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    ResidentFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 4, 7)


def cells(metric: str) -> dict[tuple[int, int | None, datetime.date], Decimal]:
    return {
        (a.team_id, a.district_id, a.day): a.value for a in Aggregate.objects.filter(metric=metric)
    }


def by_key() -> dict[str, float | int | None]:
    sums: dict[str, float] = {}
    for metric, v in Aggregate.objects.values_list("metric", "value"):
        sums[metric] = sums.get(metric, 0.0) + float(v)
    return {i.key: value(i, sums) for i in INDICATORS}


def refusal(resident, organisation, day, category="plan", **extra) -> ConsentRefusal:
    return ConsentRefusal.objects.create(
        resident=resident,
        organisation=organisation,
        category=category,
        refused_on=day,
        recorded_by=UserFactory(),
        **extra,
    )


def test_refusals_are_counted_per_day_team_and_wijk() -> None:
    north, south = TeamFactory(name="Noord"), TeamFactory(name="Zuid")
    buurt = NeighbourhoodFactory()
    first = CaseFactory(team=north)
    resident = first.household.members.first()
    resident.neighbourhood = buurt
    resident.save()
    second = CaseFactory(team=south)
    organisation = OrganisationFactory(municipality=north.municipality)
    refusal(resident, organisation, DAY)
    refusal(resident, organisation, DAY, category="gezondheid", reason="vertrouwen")
    refusal(resident, organisation, DAY + datetime.timedelta(days=1))
    refusal(second.household.members.first(), organisation, DAY)
    refusal(ResidentFactory(), organisation, DAY)  # no case: no team to count it for

    snapshot_build(trigger="test")

    assert cells("toestemming.geweigerd") == {
        (north.pk, buurt.district_id, DAY): 2,
        (north.pk, buurt.district_id, DAY + datetime.timedelta(days=1)): 1,
        (south.pk, None, DAY): 1,
    }
    values = by_key()
    assert values["toestemming_geweigerd"] == 4
    # refusals are not consents given
    assert values["toestemming_gegeven"] == 0


def _put(team, metric: str, amount: int) -> None:
    Aggregate.objects.create(day=DAY, team=team, law="wmo", metric=metric, value=amount)
    months_from_days()


def test_the_wmo_raad_sees_refusals_beside_consents_with_small_cells_hidden() -> None:
    north, south, west = (TeamFactory(name=n) for n in ("Noord", "Zuid", "West"))
    for team, given, refused in ((north, 40, 12), (south, 30, 15), (west, 20, 13)):
        _put(team, "toestemming.gegeven", given)
        _put(team, "toestemming.geweigerd", refused)
    beleid = UserFactory(beleid=True)
    overview = services.overview_save(
        actor=beleid,
        title="Tweede kwartaal",
        period_kind="kwartaal",
        period_month="2026-05",
        threshold=10,
        explanation="",
    )

    def refusals() -> dict[str, dict]:
        version = services.overview_publish(actor=beleid, overview=overview)
        table = next(s for s in version.sections if s["key"] == "toestemming")
        column = table["columns"].index("Geweigerd")
        return {r["label"]: r["cells"][column] for r in table["rows"]}

    first = refusals()
    assert [first[t]["value"] for t in ("Noord", "Zuid", "West")] == [12, 15, 13]
    assert first["Totaal gemeente"]["value"] == 40
    Aggregate.objects.filter(team=west, metric="toestemming.geweigerd").update(value=3)
    months_from_days()
    second = refusals()
    assert second["West"] == {"value": None, "hidden": True, "mean": None}
    # the column total and the other teams would give the small cell away: one more is hidden
    assert any(second[t]["hidden"] for t in ("Noord", "Zuid", "Totaal gemeente"))


# ---- informal carers: what was done ----------------------------------------------------------


def test_follow_ups_are_counted_per_kind_day_and_team() -> None:
    from wijkteam.residents.models import CarerFollowUp, NetworkMember

    north, south = TeamFactory(name="Noord"), TeamFactory(name="Zuid")
    first, second = CaseFactory(team=north), CaseFactory(team=south)
    by = UserFactory()

    def carer(case, load=4):
        return NetworkMember.objects.create(
            household=case.household, name="Mantelzorger", relation="mantelzorger", load=load,
            load_assessed_on=DAY,
        )  # fmt: skip

    heavy, other = carer(first), carer(second, load=3)
    for member, kind, day in (
        (heavy, "respijtzorg", DAY),
        (heavy, "gesprek", DAY),
        (heavy, "gesprek", DAY + datetime.timedelta(days=7)),
        (other, "doorverwijzing", DAY),
    ):
        CarerFollowUp.objects.create(network_member=member, kind=kind, done_on=day, recorded_by=by)
    lonely = NetworkMember.objects.create(
        household=ResidentFactory().household, name="Zonder casus", relation="buur", load=4
    )
    CarerFollowUp.objects.create(network_member=lonely, kind="gesprek", done_on=DAY, recorded_by=by)

    snapshot_build(trigger="test")

    assert cells("mantelzorg.opvolging.gesprek") == {
        (north.pk, None, DAY): 1,
        (north.pk, None, DAY + datetime.timedelta(days=7)): 1,
    }
    assert cells("mantelzorg.opvolging.respijtzorg") == {(north.pk, None, DAY): 1}
    assert cells("mantelzorg.opvolging.doorverwijzing") == {(south.pk, None, DAY): 1}
    values = by_key()
    assert values["mantelzorg_opvolging_gesprek"] == 2
    assert values["mantelzorg_opvolging_respijtzorg"] == 1
    assert values["mantelzorg_opvolging_doorverwijzing"] == 1
    assert values["mantelzorg_opvolging_mantelzorgondersteuning"] == 0


def test_the_wmo_raad_sees_follow_ups_per_kind_under_mantelzorg_with_small_cells_hidden() -> None:
    from wijkteam.accountability.constants import Point

    north, south, west = (TeamFactory(name=n) for n in ("Noord", "Zuid", "West"))
    for team, talks, respite in ((north, 25, 14), (south, 18, 11), (west, 12, 2)):
        _put(team, "mantelzorg.opvolging.gesprek", talks)
        _put(team, "mantelzorg.opvolging.respijtzorg", respite)
    beleid = UserFactory(beleid=True)
    overview = services.overview_save(
        actor=beleid,
        title="Tweede kwartaal",
        period_kind="kwartaal",
        period_month="2026-05",
        threshold=10,
        explanation="",
    )
    version = services.overview_publish(actor=beleid, overview=overview)
    table = next(s for s in version.sections if s["key"] == "mantelzorg_opvolging")
    assert table["point"] == int(Point.MANTELZORG)
    respite = table["columns"].index("Respijtzorg")
    rows = {r["label"]: r for r in table["rows"]}
    assert rows["Noord"]["cells"][respite]["value"] == 14
    assert (
        rows["West"]["cells"][respite]["hidden"] and rows["West"]["cells"][respite]["value"] is None
    )
    shown = {c["value"] for r in table["rows"] for c in r["cells"]} | {
        r["total"]["value"] for r in table["rows"]
    }
    assert 2 not in shown
