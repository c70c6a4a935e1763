"""The synthetic municipality: deterministic, complete, and with a valid access-log chain."""

import datetime
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.nl import bsn as stdnum_bsn

from wijkteam.accounts.models import User
from wijkteam.cases.constants import CaseState, DecisionStatus, ReportStatus
from wijkteam.cases.models import (
    Allocation,
    Case,
    CoordinatorAssignment,
    Decision,
    Evaluation,
    Intervention,
    Plan,
    PlanVersion,
    Report,
    TrackedTerm,
)
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.models import Membership
from wijkteam.privacy import models as privacy_models
from wijkteam.privacy.access_log import ChainProblem, verify_chain
from wijkteam.privacy.models import AccessLogEntry, AccessLogHead, AccessLogResident
from wijkteam.residents.models import Resident
from wijkteam.synthetic import generator
from wijkteam.synthetic.generator import PASSWORD, SIZES, generate, totp_key

TINY = SIZES["tiny"]


def _content() -> dict[str, object]:
    """What was generated, independent of database ids (sequences differ between runs)."""
    return {
        "cases": sorted(
            Case.objects.values_list(
                "state",
                "law_track",
                "opened_on",
                "closed_on",
                "coordinator__username",
                "household__name",
            )
        ),
        "residents": sorted(
            Resident.objects.values_list(
                "bsn", "first_name", "last_name", "date_of_birth", "postcode"
            )
        ),
        "decisions": sorted(
            Decision.objects.values_list(
                "status", "outcome", "product_category", "requested_on", "volume"
            )
        ),
        "log": list(
            AccessLogEntry.objects.order_by("id").values_list(
                "at", "user_name", "action", "purpose"
            )
        ),
    }


def _build_and_roll_back() -> tuple[generator.Result, dict[str, object]]:
    with transaction.atomic():
        result = generate(size=TINY)
        content = _content()
        transaction.set_rollback(True)
    return result, content


@pytest.mark.django_db
def test_the_same_size_and_seed_give_the_same_data() -> None:
    first, first_content = _build_and_roll_back()
    second, second_content = _build_and_roll_back()
    assert first.checksum == second.checksum
    assert first.counts == second.counts
    assert first_content == second_content
    assert first.counts["casussen"] == TINY.cases
    assert first.counts["residents_resident"] == TINY.residents


@pytest.mark.django_db
def test_another_seed_gives_other_data() -> None:
    with transaction.atomic():
        one = generate(size=TINY, seed=1)
        transaction.set_rollback(True)
    with transaction.atomic():
        two = generate(size=TINY, seed=2)
        transaction.set_rollback(True)
    assert one.checksum != two.checksum


@pytest.fixture
def tiny(db: None) -> generator.Result:
    return generate(size=TINY)


def test_the_access_log_chain_verifies_and_the_head_is_set(tiny: generator.Result) -> None:
    outcome = list(verify_chain(batch_size=700))
    assert not [p for p in outcome if isinstance(p, ChainProblem)]
    assert outcome[-1] == TINY.access_log == AccessLogEntry.objects.count()
    last = AccessLogEntry.objects.order_by("-id").first()
    head = AccessLogHead.objects.get(id=1)
    assert last is not None
    assert head.last_hash == last.hash == tiny.chain_head
    assert head.last_entry_id == last.pk
    # The index by resident holds every resident of every entry.
    assert AccessLogResident.objects.count() == sum(
        len(ids) for ids in AccessLogEntry.objects.values_list("resident_ids", flat=True)
    )


def test_a_changed_generated_entry_breaks_the_chain(tiny: generator.Result) -> None:
    entry = AccessLogEntry.objects.order_by("id")[100]
    if not hasattr(entry, "pk"):
        pytest.skip("no entry")
    AccessLogEntry.objects.filter(pk=entry.pk).update(purpose="gewijzigd") if _sqlite() else None
    if not _sqlite():
        pytest.skip("PostgreSQL refuses the change itself (append-only trigger)")
    problems = [p for p in verify_chain() if isinstance(p, ChainProblem)]
    assert problems == [ChainProblem(entry.pk, "changed")]


def _sqlite() -> bool:
    from django.db import connection

    return connection.vendor == "sqlite"


def test_new_entries_continue_the_generated_chain(tiny: generator.Result) -> None:
    from wijkteam.privacy.access_log import log_access
    from wijkteam.privacy.constants import AccessAction

    user = User.objects.get(username="syn01-02")
    log_access(user=user, action=AccessAction.READ, residents=[Resident.objects.first().pk])
    outcome = list(verify_chain())
    assert outcome[-1] == TINY.access_log + 1


def test_every_case_state_and_stage_is_present(tiny: generator.Result) -> None:
    states = Counter(Case.objects.values_list("state", flat=True))
    assert set(states) == set(CaseState.values)
    assert states[CaseState.AFGESLOTEN] > states[CaseState.UITVOERING]
    statuses = set(Decision.objects.values_list("status", flat=True))
    assert {DecisionStatus.AANGEVRAAGD, DecisionStatus.BESLOTEN} <= statuses
    assert set(Report.objects.values_list("status", flat=True)) == set(ReportStatus.values)
    for model in (Plan, PlanVersion, Intervention, Allocation, Evaluation, TrackedTerm):
        assert model.objects.exists(), model.__name__
    # One open case per household, one current regisseur per case (the constraints hold).
    open_households = Case.objects.exclude(state=CaseState.AFGESLOTEN).values_list(
        "household_id", flat=True
    )
    assert len(open_households) == len(set(open_households))
    assert (
        CoordinatorAssignment.objects.filter(ended_at__isnull=True).count() == Case.objects.count()
    )
    # History lies in the past, within the years of the size.
    first = Case.objects.order_by("opened_on").first()
    assert first is not None
    assert first.opened_on >= generator.end_date() - datetime.timedelta(days=365 * TINY.years)
    assert not Case.objects.filter(opened_on__gt=generator.end_date()).exists()


def test_residents_have_valid_unique_bsns(tiny: generator.Result) -> None:
    bsns = [b for b in Resident.objects.values_list("bsn", flat=True) if b]
    assert len(bsns) > TINY.residents * 0.9
    assert len(bsns) == len(set(bsns))
    assert all(stdnum_bsn.is_valid(b) for b in bsns)


def test_members_can_log_in_with_password_and_totp(tiny: generator.Result, client) -> None:
    memberships = Membership.objects.filter(user__username__startswith="syn")
    assert memberships.count() == TINY.members
    assert memberships.filter(roles__role=TeamRole.TEAMLEIDER).count() == TINY.teams
    assert memberships.filter(roles__role=TeamRole.BESLISSER).exists()
    # Regisseurs are generalists; cliëntondersteuners never coordinate.
    assert not Case.objects.exclude(
        coordinator__memberships__roles__role=TeamRole.GENERALIST
    ).exists()
    assert not Case.objects.filter(
        coordinator__memberships__roles__role=TeamRole.CLIENTONDERSTEUNER
    ).exists()
    user = User.objects.get(username="syn01-03")
    device = TOTPDevice.objects.get(user=user)
    assert device.key == totp_key(user.username)
    response = client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    code = f"{totp(bytes.fromhex(device.key), step=30, t0=0, digits=6):06d}"
    response = client.post("/inloggen/verificatie/", {"otp_token": code})
    assert response.status_code == 302
    assert client.get("/werkvoorraad/").status_code == 200


def test_consents_are_generated_when_the_model_exists(tiny: generator.Result) -> None:
    consent = getattr(privacy_models, "Consent", None)
    if consent is None:
        assert any("toestemmingen" in n for n in tiny.notes)
    else:
        assert consent.objects.count() == tiny.counts["toestemmingen"] > 0


def test_the_members_working_a_case_may_see_all_of_it(tiny: generator.Result) -> None:
    """Consents cover the organisations of the regisseurs, so benchmark pages are not refused."""
    policies = pytest.importorskip("wijkteam.cases.policies_consent")
    if not hasattr(policies, "visible_categories"):
        pytest.skip("no consent-based access yet")
    for case in Case.objects.exclude(state=CaseState.AFGESLOTEN).select_related("team")[:40]:
        visible = policies.visible_categories(case.coordinator, case)
        assert visible is None or "plan" in visible, case.pk


def test_the_command_builds_once_and_refuses_a_second_time(db: None) -> None:
    out = io.StringIO()
    call_command("generate_synthetic", "--size", "tiny", stdout=out)
    text = out.getvalue()
    assert "controlegetal" in text and "klaar in" in text
    assert Case.objects.count() == TINY.cases
    with pytest.raises(CommandError, match="al"):
        call_command("generate_synthetic", "--size", "tiny", stdout=io.StringIO())


@override_settings(
    MIDDLEWARE=[
        "wijkteam.synthetic.middleware.QueryCountMiddleware",
        *__import__("django.conf", fromlist=["settings"]).settings.MIDDLEWARE,
    ]
)
def test_the_bench_middleware_reports_queries(tiny: generator.Result, client) -> None:
    user = User.objects.get(username="syn01-03")
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    code = f"{totp(bytes.fromhex(totp_key(user.username)), step=30, t0=0, digits=6):06d}"
    client.post("/inloggen/verificatie/", {"otp_token": code})
    response = client.get("/werkvoorraad/")
    assert int(response["X-Query-Count"]) > 3
    assert float(response["X-Db-Ms"]) >= 0
    assert float(response["X-Log-Ms"]) >= 0


def test_the_figures_and_a_published_overview_are_there(tiny: generator.Result) -> None:
    from wijkteam.accountability.models import Aggregate, PublishedOverview
    from wijkteam.accounts.constants import SystemRole

    beleid = User.objects.filter(system_role=SystemRole.BELEIDSMEDEWERKER)
    assert list(beleid.values_list("username", flat=True)) == ["synbeleid-01"]
    assert User.objects.filter(system_role=SystemRole.WMO_RAAD).count() == 2
    assert TOTPDevice.objects.filter(user__in=beleid).exists()
    assert Aggregate.objects.count() == tiny.counts["accountability_aggregate"] > 0
    version = PublishedOverview.objects.get()
    assert version.period_end < generator.end_date()
    assert version.period_end + datetime.timedelta(days=92) > generator.end_date()
    assert version.published_by == beleid.get()
