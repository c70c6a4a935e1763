"""The demo holds consent refusals and carer follow-ups (issue 12), so the monitoring dashboard
and the Wmo-raad's P6/P9 tables are not empty, without changing the rest of the demo."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from wijkteam.accountability.models import PublishedOverview
from wijkteam.accountability.selectors import dashboard, parse_period
from wijkteam.accounts.models import User
from wijkteam.cases.models import Decision
from wijkteam.privacy.models import Consent, ConsentRefusal
from wijkteam.residents.constants import CARER_AT_RISK, CarerFollowUpKind
from wijkteam.residents.models import CarerFollowUp, NetworkMember, Resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    call_command("load_demo", households=27)


def _year_total(user: User, key: str) -> float:
    """The indicator's municipal total over this year and last year (the demo's past year)."""
    year = timezone.localdate().year
    total = 0.0
    for start in (f"{year - 1}-01", f"{year}-01"):
        board = dashboard(user=user, period=parse_period("jaar", start))
        index = [i.key for i in board.indicators].index(key)
        total += float(board.rows[-1].values[index] or 0)
    return total


def test_the_demo_has_refusals_and_follow_ups_that_the_figures_count(demo) -> None:
    refusals = list(ConsentRefusal.objects.select_related("resident", "organisation"))
    assert 5 <= len(refusals) <= 10
    today = timezone.localdate()
    assert all((today - r.refused_on).days <= 366 for r in refusals)
    assert len({r.refused_on.month for r in refusals}) >= 3
    assert len({r.organisation_id for r in refusals}) >= 2
    assert len({r.category for r in refusals}) >= 2
    assert any(r.reason for r in refusals)
    # refused to partners and providers, never to the team's own organisation or the gemeente
    assert not any(r.organisation.kind in ("gemeente", "stichting_wijkteam") for r in refusals)
    # A refusal never contradicts a consent the resident gave to that organisation.
    for r in refusals:
        for categories in Consent.objects.filter(
            resident=r.resident, organisation=r.organisation, withdrawn_at__isnull=True
        ).values_list("categories", flat=True):
            assert r.category not in categories
    # Refusals in more than one team's cases.
    teams = {r.resident.household.cases.values_list("team_id", flat=True).first() for r in refusals}
    assert len(teams) >= 2

    # The first portal demo resident has a refusal to see on "Mijn toestemmingen".
    first = (
        Resident.objects.filter(household_relation="hoofdbewoner", household__cases__isnull=False)
        .order_by("pk")
        .first()
    )
    assert ConsentRefusal.objects.filter(resident=first).exists()

    # Most but not all overloaded carers have a follow-up, on or after the assessment.
    at_risk = list(
        NetworkMember.objects.filter(load__gte=CARER_AT_RISK, household__cases__isnull=False)
        .distinct()
        .prefetch_related("follow_ups")
    )
    followed = [m for m in at_risk if m.follow_ups.all()]
    assert len(at_risk) > len(followed) > len(at_risk) // 2
    for member in followed:
        assert all(f.done_on >= member.load_assessed_on for f in member.follow_ups.all())
        assert all(f.done_on <= timezone.localdate() for f in member.follow_ups.all())
    assert CarerFollowUp.objects.values("kind").distinct().count() >= 2

    # The dashboard counts them.
    beleid = User.objects.get(username="beleid")
    assert _year_total(beleid, "toestemming_geweigerd") == ConsentRefusal.objects.count() > 0
    kinds = set(CarerFollowUp.objects.values_list("kind", flat=True))
    for kind in kinds:
        assert _year_total(beleid, f"mantelzorg_opvolging_{kind}") == (
            CarerFollowUp.objects.filter(kind=kind).count()
        )
    # Granted maatwerk carries a budget, so "budget per casus" is a figure, not "–".
    assert Decision.objects.filter(outcome="toegekend", budget__gt=0).exists()
    assert _year_total(beleid, "maatwerk_budget_per_casus") > 0

    # The Wmo-raad's P6 and P9 tables have the columns, small cells suppressed.
    version = PublishedOverview.objects.get()
    sections = {s["key"]: s for s in version.sections}
    consent = sections["toestemming"]
    refused = consent["columns"].index("Geweigerd")
    follow_up = sections["mantelzorg_opvolging"]
    assert len(follow_up["columns"]) == len(CarerFollowUpKind.values)
    for table, columns in ((consent, [refused]), (follow_up, range(len(follow_up["columns"])))):
        for row in table["rows"]:
            for c in columns:
                cell = row["cells"][c]
                # 1 to 9 (below the threshold of 10): hidden, never shown as a small number
                assert cell["hidden"] or cell["value"] in (None, 0) or cell["value"] >= 10
