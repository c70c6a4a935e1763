"""The plan service: validation, versions, concurrency, closed cases, audit and access log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkteam.audit.models import AuditEvent
from wijkteam.cases.constants import ActionStatus, CaseState, GoalStatus, OwnerKind
from wijkteam.cases.models import Action, Goal, Plan, PlanVersion
from wijkteam.cases.services.plan import ActionData, GoalData, action_status_set, plan_save
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def case():
    return CaseFactory(uitvoering=True)


@pytest.fixture
def worker(case):
    return case.coordinator


@pytest.fixture
def colleague(case):
    """A second person who may work the case (the teamleider)."""
    return MembershipFactory(team=case.team, roles=[TeamRole.TEAMLEIDER]).user


def goal(text="Ik wil mijn post weer zelf bijhouden.", **kwargs):
    return GoalData(text=text, domain=kwargs.pop("domain", "financien"), **kwargs)


def resident_action(description="Post openen met de buurvrouw", **kwargs):
    kwargs.setdefault("owner_kind", OwnerKind.NETWERK)
    kwargs.setdefault("owner_name", "Buurvrouw Ans")
    return ActionData(description=description, **kwargs)


def save(actor, case, expected_version=None, goals=None, actions=None, **kwargs):
    return plan_save(
        actor=actor,
        case=case,
        expected_version=expected_version,
        goals=[goal()] if goals is None else goals,
        actions=[resident_action(goal=0)] if actions is None else actions,
        **kwargs,
    )


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
