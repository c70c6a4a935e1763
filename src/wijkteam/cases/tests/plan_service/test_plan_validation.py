"""The plan service: validation, closed cases, action status, audit and access log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wijkteam.cases.constants import ActionStatus, CaseState, OwnerKind
from wijkteam.cases.models import Action, Goal, Plan, PlanVersion
from wijkteam.cases.services.plan import ActionData, GoalData, action_status_set
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)

from .builders import TODAY, goal, resident_action, save

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("action", "key", "message"),
    [
        (
            ActionData(description="Boodschappen", owner_kind=""),
            "owner_kind",
            "Elke actie heeft een eigenaar",
        ),
        (
            ActionData(description="Boodschappen", owner_kind=OwnerKind.INWONER),
            "owner_name",
            "vul in welke inwoner dit doet",
        ),
        (
            ActionData(description="Boodschappen", owner_kind=OwnerKind.NETWERK, owner_name="  "),
            "owner_name",
            "wie uit het netwerk",
        ),
        (
            ActionData(description="Boodschappen", owner_kind=OwnerKind.ALGEMENE_VOORZIENING),
            "owner_name",
            "welke algemene voorziening",
        ),
        (
            ActionData(description="Boodschappen", owner_kind=OwnerKind.TEAM),
            "owner_user",
            "kies het teamlid",
        ),
        (
            ActionData(description="Boodschappen", owner_kind=OwnerKind.AANBIEDER),
            "owner_organisation",
            "kies de aanbieder",
        ),
        (
            ActionData(description="Boodschappen", owner_kind="buurman"),
            "owner_kind",
            "Elke actie heeft een eigenaar",
        ),
    ],
)
def test_action_without_owner_is_refused_with_dutch_message(case, worker, action, key, message):
    with pytest.raises(ValidationError) as exc:
        save(worker, case, actions=[resident_action(), action])
    errors = exc.value.message_dict
    assert list(errors) == [f"actions.1.{key}"]
    assert message in errors[f"actions.1.{key}"][0]
    assert not Plan.objects.exists() and not Goal.objects.exists() and not Action.objects.exists()
    assert not PlanVersion.objects.exists()


def test_team_owner_who_is_not_a_team_member_is_refused(case, worker):
    outsider = MembershipFactory().user  # a member of another team
    former = MembershipFactory(team=case.team, active_until=TODAY - datetime.timedelta(days=1)).user
    for person in (outsider, former):
        with pytest.raises(ValidationError) as exc:
            save(
                worker,
                case,
                actions=[
                    ActionData(
                        description="Bellen", owner_kind=OwnerKind.TEAM, owner_user_id=person.pk
                    )
                ],
            )
        message = exc.value.message_dict["actions.0.owner_user"][0]
        assert "geen actief lid van" in message and case.team.name in message
    assert not Plan.objects.exists()


def test_provider_of_another_municipality_is_refused(case, worker):
    elsewhere = OrganisationFactory(
        municipality=MunicipalityFactory(cbs_code="GM0999"), aanbieder=True
    )
    with pytest.raises(ValidationError) as exc:
        save(
            worker,
            case,
            actions=[
                ActionData(
                    description="Zorg",
                    owner_kind=OwnerKind.AANBIEDER,
                    owner_organisation_id=elsewhere.pk,
                )
            ],
        )
    assert "gemeente van het team" in exc.value.message_dict["actions.0.owner_organisation"][0]


def test_invalid_update_changes_nothing(case, worker):
    plan = save(worker, case)
    g = plan.goals.get()
    with pytest.raises(ValidationError) as exc:
        save(
            worker,
            case,
            expected_version=1,
            goals=[GoalData(id=g.pk, text="Gewijzigd doel", domain="financien"), goal("")],
            actions=[resident_action("Nieuwe actie"), ActionData(description="", owner_kind="")],
        )
    errors = exc.value.message_dict
    assert set(errors) == {"goals.1.text", "actions.1.description", "actions.1.owner_kind"}
    assert errors["goals.1.text"] == ["Schrijf het doel op in de woorden van de inwoner."]
    plan.refresh_from_db()
    assert plan.version == 1
    assert list(plan.goals.values_list("text", flat=True)) == [
        "Ik wil mijn post weer zelf bijhouden."
    ]
    assert list(plan.actions.values_list("description", flat=True)) == [
        "Post openen met de buurvrouw"
    ]
    assert PlanVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "key", "message"),
    [
        ({"discussed_on": TODAY + datetime.timedelta(days=1)}, "discussed_on", "toekomst"),
        (
            {"discussed_on": TODAY, "agreed_on": TODAY + datetime.timedelta(days=1)},
            "agreed_on",
            "toekomst",
        ),
        ({"agreed_on": TODAY}, "discussed_on", "een akkoord volgt op een gesprek"),
        (
            {"discussed_on": TODAY, "agreed_on": TODAY - datetime.timedelta(days=1)},
            "agreed_on",
            "vóór het gesprek",
        ),
    ],
)
def test_agreement_dates(case, worker, kwargs, key, message):
    with pytest.raises(ValidationError) as exc:
        save(worker, case, **kwargs)
    assert message in exc.value.message_dict[key][0]
    assert not Plan.objects.exists()


def test_due_dates_may_lie_in_the_future(case, worker):
    plan = save(worker, case, actions=[resident_action(due_on=TODAY + datetime.timedelta(days=90))])
    assert plan.actions.get().due_on == TODAY + datetime.timedelta(days=90)


def test_unknown_domain_and_goal_reference_are_refused(case, worker):
    with pytest.raises(ValidationError) as exc:
        save(
            worker,
            case,
            goals=[GoalData(text="Doel", domain="astrologie")],
            actions=[resident_action(goal=4)],
        )
    errors = exc.value.message_dict
    assert "Zelfredzaamheid-Matrix" in errors["goals.0.domain"][0]
    assert "Kies een doel uit dit plan" in errors["actions.0.goal"][0]


def test_ids_of_another_plan_are_refused(case, worker):
    other_case = CaseFactory(uitvoering=True)
    other = save(other_case.coordinator, other_case)
    save(worker, case)
    with pytest.raises(ValidationError) as exc:
        save(
            worker,
            case,
            expected_version=1,
            goals=[GoalData(id=other.goals.get().pk, text="Overgenomen")],
            actions=[resident_action(id=other.actions.get().pk)],
        )
    errors = exc.value.message_dict
    assert "bestaat niet (meer) in dit plan" in errors["goals.0.id"][0]
    assert "bestaat niet (meer) in dit plan" in errors["actions.0.id"][0]
    assert other.goals.get().text == "Ik wil mijn post weer zelf bijhouden."


def test_closed_case_cannot_be_edited(worker):
    closed = CaseFactory(afgesloten=True)
    with pytest.raises(ValidationError) as exc:
        save(closed.coordinator, closed)
    assert "afgesloten" in exc.value.messages[0]
    assert not Plan.objects.exists()


def test_plan_of_a_case_closed_later_is_frozen(case, worker):
    plan = save(worker, case)
    case.state = CaseState.AFGESLOTEN
    case.closed_on = TODAY
    case.save()
    with pytest.raises(ValidationError):
        save(worker, case, expected_version=1, goals=[goal("Nieuw")])
    with pytest.raises(ValidationError):
        action_status_set(
            actor=worker, action=plan.actions.get(), status="gedaan", expected_plan_version=1
        )
    assert Plan.objects.get().version == 1


def test_only_case_workers_edit_the_plan(case):
    bystander = MembershipFactory(team=case.team).user  # team member, not on this case
    with pytest.raises(PermissionDenied):
        save(bystander, case)
    assert not Plan.objects.exists()


def test_action_status_set_writes_a_version(case, worker, colleague):
    plan = save(worker, case)
    action = plan.actions.get()
    updated = action_status_set(
        actor=colleague, action=action, status=ActionStatus.BEZIG, expected_plan_version=1
    )
    assert updated.status == ActionStatus.BEZIG
    plan.refresh_from_db()
    assert plan.version == 2
    version = PlanVersion.objects.get(plan=plan, number=2)
    assert version.changed_by == colleague
    assert version.changes == [
        "Status van actie „Post openen met de buurvrouw” gewijzigd: Open → Bezig"
    ]
    assert version.snapshot["actions"][0]["status"] == "bezig"
    assert AccessLogEntry.objects.filter(object_type="cases.Plan", action="change").count() == 1


def test_action_status_set_refuses_stale_version_and_bad_status(case, worker):
    plan = save(worker, case)
    action = plan.actions.get()
    with pytest.raises(ConcurrentEditError):
        action_status_set(actor=worker, action=action, status="gedaan", expected_plan_version=7)
    with pytest.raises(ValidationError) as exc:
        action_status_set(actor=worker, action=action, status="klaar", expected_plan_version=1)
    assert "geldige status" in exc.value.message_dict["status"][0]
    action.refresh_from_db()
    assert action.status == "open"
    assert PlanVersion.objects.count() == 1


def test_changes_are_recorded_in_dutch_whatever_the_ui_language(case, worker):
    from django.utils import translation

    with translation.override("en"):
        plan = save(worker, case)
    assert PlanVersion.objects.get(plan=plan).changes[0] == "Plan opgesteld."
