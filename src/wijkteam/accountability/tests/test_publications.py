"""The Wmo-raad's publications: preview, publish (frozen, versioned), refusals, reading.

The figures are hand-built snapshot rows with known values, so every expected cell is known.
"""

import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wijkteam.accountability import publications, services
from wijkteam.accountability.models import Aggregate, Overview, PublishedOverview
from wijkteam.accountability.months import months_from_days
from wijkteam.accountability.sections import SECTIONS, check_published, count_table
from wijkteam.accountability.suppression import Table, derivable
from wijkteam.audit.models import AuditEvent
from wijkteam.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 4, 7)  # in the second quarter of 2026


def put(team, metric: str, value: int, day: datetime.date = DAY, law: str = "wmo") -> None:
    Aggregate.objects.create(day=day, team=team, law=law, metric=metric, value=Decimal(value))
    months_from_days()


@pytest.fixture
def teams():
    north, south, west = (TeamFactory(name=n) for n in ("Noord", "Zuid", "West"))
    # Meldingen per kanaal: one small cell (West, telefoon = 3).
    for team, inloop, telefoon in ((north, 40, 25), (south, 30, 22), (west, 12, 3)):
        put(team, "melding.kanaal.inloop", inloop)
        put(team, "melding.kanaal.telefoon", telefoon)
        put(team, "melding.totaal", inloop + telefoon)
        put(team, "clientondersteuning.geinformeerd", inloop)
    return north, south, west


def compose(beleid, threshold: int = 10) -> Overview:
    return services.overview_save(
        actor=beleid,
        title="Tweede kwartaal",
        period_kind="kwartaal",
        period_month="2026-05",
        threshold=threshold,
        explanation="Wat opvalt: veel meldingen via de inloop.",
    )


def section(version: PublishedOverview, key: str) -> dict:
    return next(s for s in version.sections if s["key"] == key)


def test_publish_stores_suppressed_values_frozen_and_versioned(teams) -> None:
    west = teams[2]
    beleid = UserFactory(beleid=True)
    overview = compose(beleid)
    assert overview.period_start == datetime.date(2026, 4, 1)
    first = services.overview_publish(actor=beleid, overview=overview)
    assert first.number == 1 and first.period_label == "2026 K2"
    channels = section(first, "meldingen_kanaal")
    west_row = next(r for r in channels["rows"] if r["label"] == "West")
    telefoon = channels["columns"].index("Telefoon")
    assert west_row["cells"][telefoon] == {"value": None, "hidden": True, "mean": None}
    assert "3" not in [str(c["value"]) for c in west_row["cells"]]
    north_row = next(r for r in channels["rows"] if r["label"] == "Noord")
    assert north_row["total"] == {"value": 65, "hidden": False}
    # Frozen: new figures change the preview, not the published version.
    put(west, "melding.kanaal.telefoon", 30, day=DAY + datetime.timedelta(days=1))
    first.refresh_from_db()
    assert section(first, "meldingen_kanaal") == channels
    second = services.overview_publish(actor=beleid, overview=overview)
    assert second.number == 2
    again = next(r for r in section(second, "meldingen_kanaal")["rows"] if r["label"] == "West")
    assert again["cells"][telefoon]["value"] == 33
    assert AuditEvent.objects.filter(object_type="accountability.PublishedOverview").count() == 2


def test_shares_follow_their_parts(teams) -> None:
    beleid = UserFactory(beleid=True)
    version = services.overview_publish(actor=beleid, overview=compose(beleid))
    rows = section(version, "clientondersteuning")["rows"]
    north = next(r for r in rows if r["label"] == "Noord")
    assert north["share"] == round(40 / 65 * 100, 1)
    west = next(r for r in rows if r["label"] == "West")
    assert west["cells"][1]["hidden"] and west["share"] is None


def test_the_threshold_is_at_least_five_and_nothing_is_stored(teams) -> None:
    beleid = UserFactory(beleid=True)
    with pytest.raises(ValidationError) as exc:
        compose(beleid, threshold=4)
    assert "ten minste 5" in str(exc.value.message_dict["threshold"])
    assert not Overview.objects.exists()


def test_a_period_without_figures_is_refused(teams) -> None:
    beleid = UserFactory(beleid=True)
    overview = services.overview_save(
        actor=beleid, title="Leeg", period_kind="maand", period_month="2025-01", threshold=10
    )
    with pytest.raises(ValidationError, match="geen cijfers"):
        services.overview_publish(actor=beleid, overview=overview)
    assert not PublishedOverview.objects.exists()


def test_a_table_with_an_unsuppressed_small_cell_is_refused() -> None:
    with pytest.raises(ValidationError, match="niet zijn afgeschermd"):
        check_published(Table(cells=[[3, 20], [15, 40]]), 10)
    # A hidden cell that the totals give away is refused as well.
    with pytest.raises(ValidationError, match="niet zijn afgeschermd"):
        check_published(Table(cells=[[3, 20], [15, 40]], hidden={("cell", 0, 0)}), 10)


def test_only_the_beleidsmedewerker_composes() -> None:
    for user in (UserFactory(wmoraad=True), UserFactory()):
        with pytest.raises(PermissionDenied):
            services.overview_save(
                actor=user, title="x", period_kind="jaar", period_month="2026-01", threshold=10
            )
    assert not Overview.objects.exists()


@pytest.mark.parametrize("seed", range(12))
def test_no_published_table_lets_a_suppressed_value_be_derived(seed: int) -> None:
    """Random figures for random teams, published; then the exact attacker on every table."""
    rng = random.Random(seed)
    teams = [TeamFactory(name=f"Team {i}") for i in range(rng.randint(2, 5))]
    metrics = [
        "melding.kanaal.inloop",
        "melding.kanaal.telefoon",
        "melding.kanaal.email",
        "klacht.uitkomst.gegrond",
        "klacht.uitkomst.ongegrond",
        "inzet.maatwerk",
        "inzet.algemene_voorziening",
        "cevo.q1.n",
        "cevo.q1.som",
        "initiatief.verbinding",
        "initiatief.steun",
        "doorzettingsmacht.ingezet",
        "doorzettingsmacht.afgewezen",
        "doorzettingsmacht.direct",
        "toestemming.gegeven",
        "toestemming.grondslag",
        "toestemming.ingetrokken",
    ]
    parts = [  # (part, whole): the part is a subset of the whole
        ("plan.actie.voorliggend", "plan.actie"),
        ("inzage.tijdig", "inzage.n"),
        ("clientondersteuning.gebruikt", "casus.geopend"),
        ("mantelzorg.risico", "mantelzorg.beoordeeld"),
    ]
    for team in teams:
        for metric in metrics:
            value = rng.choice([0, 1, 2, 4, 7, 9, 11, 14, 25, 60])
            if value:
                put(team, metric, value)
        informed = rng.choice([0, 3, 12])
        put(team, "melding.totaal", informed + rng.choice([0, 2, 20]))
        put(team, "clientondersteuning.geinformeerd", informed)
        own = rng.choice([0, 2, 11])
        put(team, "toewijzing.eigen_werkgever", own)
        put(team, "toewijzing.totaal", own + rng.choice([0, 4, 30]))
        put(team, "doorbraak.geopend", rng.choice([0, 1, 12]))
        for part, whole in parts:
            value = rng.choice([0, 3, 12])
            put(team, part, value)
            put(team, whole, value + rng.choice([0, 2, 20]))
    threshold = rng.choice([5, 10])
    beleid = UserFactory(beleid=True)
    overview = compose(beleid, threshold=threshold)
    version = services.overview_publish(actor=beleid, overview=overview)
    labels, rows = publications.team_sums(publications.overview_period(overview))
    for definition in SECTIONS:
        stored = section(version, definition.key)
        true = count_table(definition, rows)
        table = Table(cells=true)
        keys = [
            [("cell", r, c) for c in range(table.cols)] + [("row", r, -1)]
            for r in range(len(labels))
        ]
        keys.append([("col", -1, c) for c in range(table.cols)] + [("total", -1, -1)])
        for row, row_keys in zip(stored["rows"], keys, strict=True):
            for cell, key in zip([*row["cells"], row["total"]], row_keys, strict=True):
                if cell["hidden"]:
                    assert cell["value"] is None and cell.get("mean") is None
                    table.hidden.add(key)
                else:
                    assert cell["value"] == table.value(key)
                    assert not 0 < cell["value"] < threshold
        assert derivable(table) == [], (definition.key, table.hidden)
