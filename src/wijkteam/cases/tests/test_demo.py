import pytest
from django.core.management import call_command
from django.utils import timezone

from wijkteam.cases.constants import CaseState
from wijkteam.cases.models import Allocation, Case, Decision, JournalEntry, Plan
from wijkteam.notifications.models import Notification
from wijkteam.privacy.access_log import ChainProblem, verify_chain
from wijkteam.privacy.models import Consent
from wijkteam.residents.models import Household, NetworkMember, Resident

pytestmark = pytest.mark.django_db


def test_demo_builds_casework_in_every_state(capsys):
    call_command("load_demo", households=27)
    assert Household.objects.count() == 27
    assert Resident.objects.count() > 27
    assert set(Case.objects.values_list("state", flat=True)) == set(CaseState.values)
    assert Plan.objects.exists() and Allocation.objects.exists()
    assert (
        Decision.objects.filter(status="wacht_op_akkoord").exists()
        or Decision.objects.filter(status="besloten").exists()
    )
    assert NetworkMember.objects.filter(load=4).exists()  # an overloaded carer
    assert Consent.objects.exists()
    # Contact moments in the journals of open cases, none in the future.
    assert JournalEntry.objects.count() >= 10
    assert not JournalEntry.objects.filter(occurred_on__gt=timezone.localdate()).exists()
    assert not [p for p in verify_chain() if isinstance(p, ChainProblem)]
    # Every demo role finds something in its inbox (issue 10).
    without = [
        name
        for name in ("beheer", "beleid", "wmoraad", "anna", "bram", "carla")
        if not Notification.objects.filter(user__username=name).exists()
    ]
    assert without == []
    out = capsys.readouterr().out
    assert "Demo-logins" in out and "beheer" in out
    call_command("load_demo", households=27)  # idempotent: a second run loads nothing
    assert Household.objects.count() == 27
