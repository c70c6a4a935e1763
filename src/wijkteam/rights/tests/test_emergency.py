"""Emergency access (doorbraak): open with a reason, time-limited, logged, reviewed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkteam.cases import emergency as case_emergency
from wijkteam.cases import policies_consent as policies
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy import emergency
from wijkteam.privacy.constants import AccessAction, EmergencyVerdict
from wijkteam.privacy.models import AccessLogEntry, EmergencyAccess
from wijkteam.rights import services
from wijkteam.rights.tests.conftest import member
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    MunicipalityFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def open_grant(world, **overrides):
    kwargs = {
        "actor": world.outsider,
        "case": world.case,
        "reason": "Politie belt: acute zorg om de kinderen, regisseur niet bereikbaar.",
        "minutes": 30,
    }
    kwargs.update(overrides)
    return services.emergency_access_open(**kwargs)


def test_opening_logs_an_emergency_entry_and_queues_a_review(world):
    grant = open_grant(world)
    assert grant.expires_at - grant.opened_at == datetime.timedelta(minutes=30)
    entry = AccessLogEntry.objects.get(pk=grant.access_log_entry_id)
    assert entry.action == AccessAction.EMERGENCY
    assert sorted(entry.resident_ids) == sorted(r.pk for r in world.residents)
    assert "acute zorg" in entry.purpose
    assert grant.verdict == ""  # waiting in the teamleider's queue
    assert emergency.active_grant(world.outsider, world.case.pk) == grant


def test_a_doorbraak_without_reason_is_refused_logged_and_stores_nothing(world):
    with pytest.raises(ValidationError) as exc:
        open_grant(world, reason="   ")
    assert "Geef de reden voor de doorbraak" in exc.value.message_dict["reason"][0]
    assert not EmergencyAccess.objects.exists()
    refused = AccessLogEntry.objects.get(action=AccessAction.REFUSED)
    assert refused.object_id == str(world.case.pk)
    assert not AccessLogEntry.objects.filter(action=AccessAction.EMERGENCY).exists()


@pytest.mark.parametrize("minutes", [0, 4, 241, 10_000])
def test_the_duration_is_limited(world, minutes):
    with pytest.raises(ValidationError) as exc:
        open_grant(world, minutes=minutes)
    assert "minuten" in exc.value.message_dict["minutes"][0]
    assert not EmergencyAccess.objects.exists()


def test_no_doorbraak_on_a_case_already_in_scope(world):
    with pytest.raises(ValidationError) as exc:
        open_grant(world, actor=world.coordinator)
    assert "al toegang" in exc.value.messages[0]
    assert not EmergencyAccess.objects.exists()


def test_no_second_running_doorbraak(world):
    open_grant(world)
    with pytest.raises(ValidationError) as exc:
        open_grant(world)
    assert "al een doorbraak" in exc.value.messages[0]
    assert EmergencyAccess.objects.count() == 1


def test_only_active_members_in_the_municipality_may_break_the_glass(world):
    elsewhere = MembershipFactory(
        team=TeamFactory(municipality=MunicipalityFactory(cbs_code="GM0777"))
    )
    for actor in (UserFactory(beheerder=True), UserFactory(), elsewhere.user):
        with pytest.raises(PermissionDenied):
            open_grant(world, actor=actor)
    assert not EmergencyAccess.objects.exists()
    assert AccessLogEntry.objects.filter(action=AccessAction.REFUSED).count() == 3


def test_the_grant_expires(world):
    grant = open_grant(world)
    EmergencyAccess.objects.filter(pk=grant.pk).update(
        opened_at=timezone.now() - datetime.timedelta(hours=2),
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    assert emergency.active_grant(world.outsider, world.case.pk) is None
    assert case_emergency.case_for_emergency(user=world.outsider, pk=world.case.pk) is None


def test_reading_under_a_grant_is_logged_as_emergency(world):
    grant = open_grant(world)
    case = case_emergency.case_for_emergency(user=world.outsider, pk=world.case.pk, purpose="plan")
    assert case == world.case
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert entry.action == AccessAction.EMERGENCY
    assert entry.purpose == f"doorbraak {grant.pk}: plan"
    assert case_emergency.case_for_emergency(user=world.coordinator, pk=world.case.pk) is None


def test_under_a_grant_everything_is_visible(world):
    assert policies.visible_categories(world.outsider, world.case) == frozenset()
    open_grant(world)
    assert policies.visible_categories(world.outsider, world.case) is None


# ---- review ------------------------------------------------------------------------------


def test_the_teamleider_of_the_case_reviews(world):
    grant = open_grant(world)
    reviewed = services.emergency_review(
        actor=world.leader, grant=grant, verdict=EmergencyVerdict.GERECHTVAARDIGD
    )
    assert reviewed.reviewed_by == world.leader
    assert reviewed.verdict == "gerechtvaardigd"
    assert emergency.active_grant(world.outsider, world.case.pk) is not None
    with pytest.raises(ValidationError) as exc:
        services.emergency_review(
            actor=world.leader, grant=grant, verdict=EmergencyVerdict.GERECHTVAARDIGD
        )
    assert "al beoordeeld" in exc.value.messages[0]


def test_an_unjustified_doorbraak_needs_a_note_and_ends_at_once(world):
    grant = open_grant(world)
    with pytest.raises(ValidationError) as exc:
        services.emergency_review(
            actor=world.leader, grant=grant, verdict=EmergencyVerdict.NIET_GERECHTVAARDIGD
        )
    assert "Licht toe" in exc.value.message_dict["note"][0]
    grant.refresh_from_db()
    assert grant.verdict == ""
    services.emergency_review(
        actor=world.leader,
        grant=grant,
        verdict=EmergencyVerdict.NIET_GERECHTVAARDIGD,
        note="Geen acute situatie; de regisseur was bereikbaar.",
    )
    assert emergency.active_grant(world.outsider, world.case.pk) is None


def test_others_may_not_review(world):
    grant = open_grant(world)
    other_leader = member(CaseFactory().team, roles=[TeamRole.TEAMLEIDER])
    for actor in (world.coordinator, world.own, other_leader):
        with pytest.raises(PermissionDenied):
            services.emergency_review(actor=actor, grant=grant, verdict="gerechtvaardigd")
    with pytest.raises(ValidationError):
        services.emergency_review(actor=world.leader, grant=grant, verdict="prima")
    grant.refresh_from_db()
    assert grant.verdict == ""


def test_a_teamleider_does_not_review_their_own_doorbraak(world):
    leader_elsewhere = member(CaseFactory(team__municipality=world.case.team.municipality).team)
    MembershipFactory(team=world.case.team, user=leader_elsewhere, roles=[TeamRole.TEAMLEIDER])
    grant = EmergencyAccess.objects.create(
        user=leader_elsewhere,
        case=world.case,
        reason="test",
        opened_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(minutes=5),
    )
    with pytest.raises(PermissionDenied):
        services.emergency_review(actor=leader_elsewhere, grant=grant, verdict="gerechtvaardigd")
