"""The plan service: versions, history, concurrency."""

import datetime

import pytest
from django.utils import timezone

from wijkteam.audit.models import AuditEvent
from wijkteam.cases.constants import ActionStatus, GoalStatus, OwnerKind
from wijkteam.cases.models import Action, Goal, Plan, PlanVersion
from wijkteam.cases.services.plan import ActionData, GoalData
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
)

from .builders import TODAY, goal, resident_action, save

pytestmark = pytest.mark.django_db


def test_create_plan_with_goals_actions_and_first_version(case, worker):
    member = MembershipFactory(team=case.team).user
    provider = OrganisationFactory(municipality=case.team.municipality, aanbieder=True)
    plan = save(
        worker,
        case,
        goals=[goal(), goal("Ik wil weer naar de sportschool.", domain="tijdsbesteding")],
        actions=[
            resident_action(goal=0, due_on=TODAY + datetime.timedelta(days=14)),
            ActionData(
                description="Aanmelden bij de sportschool",
                owner_kind=OwnerKind.INWONER,
                owner_name="Meneer Jansen",
                goal=1,
            ),
            ActionData(
                description="Budgetcursus regelen",
                owner_kind=OwnerKind.TEAM,
                owner_user_id=member.pk,
            ),
            ActionData(
                description="Thuisbegeleiding",
                owner_kind=OwnerKind.AANBIEDER,
                owner_organisation_id=provider.pk,
            ),
            ActionData(
                description="Formulierenbrigade",
                owner_kind=OwnerKind.ALGEMENE_VOORZIENING,
                owner_name="Formulierenbrigade Noord",
            ),
        ],
        discussed_on=TODAY,
        agreed_on=TODAY,
        agreement_note="mondeling aan de keukentafel",
    )
    plan.refresh_from_db()
    assert plan.version == 1
    assert [g.domain.code for g in plan.goals.all()] == ["financien", "tijdsbesteding"]
    actions = {a.description: a for a in plan.actions.all()}
    assert actions["Post openen met de buurvrouw"].goal.text.startswith("Ik wil mijn post")
    assert actions["Aanmelden bij de sportschool"].goal.domain.code == "tijdsbesteding"
    assert actions["Budgetcursus regelen"].owner_user == member
    assert actions["Thuisbegeleiding"].owner_organisation == provider
    version = PlanVersion.objects.get(plan=plan)
    assert version.number == 1 and version.changed_by == worker
    assert version.changes[0] == "Plan opgesteld."
    assert any("Akkoord van de inwoner vastgelegd" in c for c in version.changes)
    assert len(version.snapshot["goals"]) == 2 and len(version.snapshot["actions"]) == 5
    assert version.snapshot["agreed_on"] == TODAY.isoformat()
    assert AuditEvent.objects.filter(object_type="cases.Plan", action="create").count() == 1
    entry = AccessLogEntry.objects.get(object_type="cases.Plan")
    assert entry.action == AccessAction.CREATE
    assert entry.resident_ids == sorted(case.household.members.values_list("pk", flat=True))


def test_version_history_records_who_when_and_what(case, worker, colleague):
    plan = save(worker, case)
    goal_row = plan.goals.get()
    action_row = plan.actions.get()
    before = timezone.now()
    plan = save(
        colleague,
        case,
        expected_version=1,
        goals=[
            GoalData(
                id=goal_row.pk,
                text="Ik wil mijn post zelf bijhouden, elke week.",
                domain="financien",
                status=GoalStatus.DEELS,
            ),
            goal("Ik wil een vriend om mee te wandelen.", domain="sociaal_netwerk"),
        ],
        actions=[
            ActionData(
                id=action_row.pk,
                description=action_row.description,
                owner_kind=OwnerKind.NETWERK,
                owner_name="Buurvrouw Ans",
                status=ActionStatus.GEDAAN,
                goal=0,
            )
        ],
        discussed_on=TODAY,
        agreed_on=TODAY,
    )
    assert plan.version == 2
    latest = PlanVersion.objects.get(plan=plan, number=2)
    assert latest.changed_by == colleague
    assert latest.changed_at >= before
    changes = "\n".join(latest.changes)
    assert (
        "Doel gewijzigd: „Ik wil mijn post weer zelf bijhouden.” → „Ik wil mijn post zelf"
        in changes
    )
    assert "Status van doel" in changes and "Open → Deels bereikt" in changes
    assert "Doel toegevoegd (Sociaal netwerk): „Ik wil een vriend om mee te wandelen.”" in changes
    assert "Status van actie „Post openen met de buurvrouw” gewijzigd: Open → Gedaan" in changes
    assert "Plan besproken met de inwoner op" in changes
    assert "Akkoord van de inwoner vastgelegd op" in changes
    # The earlier version still shows the plan as it was.
    first = PlanVersion.objects.get(plan=plan, number=1)
    assert first.snapshot["goals"][0]["text"] == "Ik wil mijn post weer zelf bijhouden."
    assert first.snapshot["actions"][0]["status"] == "open"
    # Kept rows keep their id.
    assert plan.goals.filter(pk=goal_row.pk).exists()
    assert plan.actions.get().pk == action_row.pk


def test_removing_goal_and_action_is_described(case, worker):
    plan = save(
        worker, case, goals=[goal(), goal("Ik wil een schone woning.", domain="huisvesting")]
    )
    kept = plan.goals.get(text="Ik wil een schone woning.")
    plan = save(
        worker,
        case,
        expected_version=1,
        goals=[GoalData(id=kept.pk, text=kept.text, domain="huisvesting")],
        actions=[],
    )
    changes = PlanVersion.objects.get(plan=plan, number=2).changes
    assert "Doel verwijderd: „Ik wil mijn post weer zelf bijhouden.”" in changes
    assert "Actie verwijderd: „Post openen met de buurvrouw”" in changes
    assert list(plan.goals.values_list("text", flat=True)) == ["Ik wil een schone woning."]
    assert not Action.objects.exists()


def test_saving_without_changes_keeps_the_version(case, worker):
    plan = save(worker, case)
    g = plan.goals.get()
    a = plan.actions.get()
    again = save(
        worker,
        case,
        expected_version=1,
        goals=[GoalData(id=g.pk, text=g.text, domain="financien")],
        actions=[
            ActionData(
                id=a.pk,
                description=a.description,
                owner_kind=a.owner_kind,
                owner_name=a.owner_name,
                goal=0,
            )
        ],
    )
    assert again.version == 1
    assert PlanVersion.objects.count() == 1


def test_two_concurrent_editors_second_is_refused_and_nothing_is_lost(case, worker, colleague):
    plan = save(worker, case)
    g = plan.goals.get()
    seen_by_both = plan.version  # both editors open version 1
    save(
        worker,
        case,
        expected_version=seen_by_both,
        goals=[GoalData(id=g.pk, text="Eerste editor: post elke maandag.", domain="financien")],
        actions=[resident_action("Eerste editor: samen de post doen", goal=0)],
    )
    with pytest.raises(ConcurrentEditError) as refused:
        save(
            colleague,
            case,
            expected_version=seen_by_both,
            goals=[
                GoalData(id=g.pk, text="Tweede editor: iets anders.", domain="financien"),
                goal("Tweede editor: nieuw doel"),
            ],
            actions=[],
            discussed_on=TODAY,
        )
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in str(refused.value)
    plan = Plan.objects.get(case=case)
    assert plan.version == 2
    assert plan.discussed_on is None
    assert list(plan.goals.values_list("text", flat=True)) == ["Eerste editor: post elke maandag."]
    assert list(plan.actions.values_list("description", flat=True)) == [
        "Eerste editor: samen de post doen"
    ]
    assert PlanVersion.objects.filter(plan=plan).count() == 2
    assert PlanVersion.objects.get(plan=plan, number=2).changed_by == worker
    assert not PlanVersion.objects.filter(changed_by=colleague).exists()


def test_creating_a_plan_that_someone_else_just_created_is_refused(case, worker, colleague):
    save(worker, case)
    with pytest.raises(ConcurrentEditError):
        save(colleague, case, expected_version=None, goals=[goal("Ander plan")])
    assert Goal.objects.get().text == "Ik wil mijn post weer zelf bijhouden."


def test_expected_version_without_a_plan_is_refused(case, worker):
    with pytest.raises(ConcurrentEditError):
        save(worker, case, expected_version=3)
    assert not Plan.objects.exists()
