"""The besluit's scope check after ``case_get`` without its statement (issue 17, ``h-dec5``).

``decision_take`` refuses (and records) an actor for whom ``policies.can_view_case`` is false.
When the case is the object ``selectors.case_get`` has just read through the scope *for this
actor* (``_case_in_scope`` marks it), the rule has been checked by that statement and the
service does not ask again; every other case object (a doorbraak, a plain read, another
user's read) still goes through ``can_view_case``: the refusals of the old path, unchanged.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wijkteam.audit.constants import AuditAction
from wijkteam.audit.models import AuditEvent
from wijkteam.cases import policies, selectors
from wijkteam.cases.constants import DecisionOutcome, DecisionStatus, LegalBasis
from wijkteam.cases.models import Case
from wijkteam.cases.selectors_decision import decision_of_case
from wijkteam.cases.services import decision as decisions
from wijkteam.privacy.models import EmergencyAccess

from .test_decision_fixtures import build_world, request_decision

pytestmark = pytest.mark.django_db
NO_ACCESS = "U heeft geen toegang tot deze casus."


def _take(actor, decision):
    return decisions.decision_take(
        actor=actor,
        decision=decision,
        outcome=DecisionOutcome.TOEGEKEND,
        motivation="Gemotiveerd.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )


@pytest.fixture
def calls(monkeypatch):
    """Every call of ``policies.can_view_case`` (still answered by it)."""
    seen = []
    real = policies.can_view_case

    def spy(user, case):
        seen.append((user.pk, case.pk))
        return real(user, case)

    monkeypatch.setattr(policies, "can_view_case", spy)
    return seen


def test_a_case_read_in_scope_by_the_actor_is_not_checked_again(calls):
    w = build_world()
    pending = request_decision(w)
    case = selectors.case_get(user=w.beslisser, pk=w.case.pk, category="besluiten")
    assert case._in_scope_of == w.beslisser.pk
    decision = decision_of_case(case=case, pk=pending.pk)
    assert _take(w.beslisser, decision).status in {
        DecisionStatus.BESLOTEN,
        DecisionStatus.WACHT_OP_AKKOORD,
    }
    assert calls == []


def test_a_case_from_a_plain_read_is_checked_as_before(calls):
    w = build_world()
    pending = request_decision(w)
    pending.case = Case.objects.get(pk=w.case.pk)
    assert not hasattr(pending.case, "_in_scope_of")
    _take(w.beslisser, pending)
    assert calls == [(w.beslisser.pk, w.case.pk)]


def test_a_case_read_by_someone_else_is_checked_and_refused(calls):
    w = build_world()
    pending = request_decision(w)
    case = selectors.case_get(user=w.beslisser, pk=w.case.pk, category="besluiten")
    decision = decision_of_case(case=case, pk=pending.pk)
    with pytest.raises(PermissionDenied, match=NO_ACCESS):
        _take(w.outsider, decision)
    assert calls == [(w.outsider.pk, w.case.pk)]
    assert AuditEvent.objects.filter(actor=w.outsider, action=AuditAction.DENIED).exists()


def test_a_case_under_a_doorbraak_is_checked_and_refused(calls):
    w = build_world()
    pending = request_decision(w)
    now = timezone.now()
    EmergencyAccess.objects.create(
        user=w.outsider,
        case=w.case,
        reason="Acute zorg",
        opened_at=now,
        expires_at=now + datetime.timedelta(minutes=5),
    )
    case = selectors.case_get(user=w.outsider, pk=w.case.pk, purpose="doorbraak")
    assert not hasattr(case, "_in_scope_of")  # read under the grant, not through the scope
    decision = decision_of_case(case=case, pk=pending.pk)
    with pytest.raises(PermissionDenied, match=NO_ACCESS):
        _take(w.outsider, decision)
    assert calls == [(w.outsider.pk, w.case.pk)]
