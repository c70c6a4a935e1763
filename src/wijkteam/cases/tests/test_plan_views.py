"""The plan screens: edit with formsets, add rows, stale saves, versions, quick status, section."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from wijkteam.cases.constants import OwnerKind
from wijkteam.cases.models import Action, Plan, PlanVersion
from wijkteam.cases.services.plan import ActionData, GoalData, plan_save
from wijkteam.organisation.constants import TeamRole
from wijkteam.testing.factories import CaseFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def case():
    return CaseFactory(uitvoering=True)


@pytest.fixture
def worker(case):
    return case.coordinator


def form_data(
    *, expected_version="", goals=(), actions=(), initial_goals=0, initial_actions=0, **plan
):
    data = {
        "expected_version": expected_version,
        "discussed_on": plan.get("discussed_on", ""),
        "agreed_on": plan.get("agreed_on", ""),
        "agreement_note": plan.get("agreement_note", ""),
    }
    for prefix, rows, initial in (
        ("goals", goals, initial_goals),
        ("actions", actions, initial_actions),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(initial)
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{i}-{key}"] = "" if value is None else str(value)
    return data


def new_goal(text="Ik wil mijn administratie op orde.", domain="financien"):
    return {"id": "", "domain": domain, "text": text, "status": "open"}


def new_action(description="Samen de post openen", **kwargs):
    row = {
        "id": "",
        "description": description,
        "goal": "0",
        "owner_kind": "netwerk",
        "owner_name": "Dochter Fatima",
        "owner_user": "",
        "owner_organisation": "",
        "due_on": (TODAY + datetime.timedelta(days=7)).isoformat(),
        "status": "open",
    }
    row.update(kwargs)
    return row


def empty_goal():
    return {"id": "", "domain": "", "text": "", "status": "open"}


def empty_action():
    return new_action(description="", goal="", owner_kind="", owner_name="", due_on="")


def existing_plan(case, worker):
    return plan_save(
        actor=worker,
        case=case,
        expected_version=None,
        goals=[GoalData(text="Ik wil mijn administratie op orde.", domain="financien")],
        actions=[
            ActionData(
                description="Samen de post openen",
                owner_kind=OwnerKind.NETWERK,
                owner_name="Dochter Fatima",
                goal=0,
            )
        ],
    )


def edit_url(case):
    return reverse("cases:plan_edit", args=[case.pk])


def test_get_edit_page_for_worker_only(client_for, case, worker):
    assert client_for(worker).get(edit_url(case)).status_code == 200
    outsider = MembershipFactory().user
    assert client_for(outsider).get(edit_url(case)).status_code == 404
    bystander = MembershipFactory(team=case.team).user  # in the team, not on the case
    assert client_for(bystander).get(edit_url(case)).status_code == 404
    supporter = MembershipFactory(team=case.team, roles=[TeamRole.CLIENTONDERSTEUNER]).user
    case.client_supporter = supporter
    case.save()
    assert client_for(supporter).get(edit_url(case)).status_code == 404  # sees, may not change


def test_create_plan_through_the_screen(client_for, case, worker):
    member = MembershipFactory(team=case.team).user
    data = form_data(
        goals=[new_goal(), empty_goal()],
        actions=[
            new_action(),
            new_action(
                "Budgetcoach regelen", owner_kind="team", owner_name="", owner_user=member.pk
            ),
            empty_action(),
        ],
        discussed_on=TODAY.isoformat(),
        agreed_on=TODAY.isoformat(),
        agreement_note="mondeling",
    )
    client = client_for(worker)
    response = client.post(edit_url(case), data)
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("cases:detail", args=[case.pk]) + "?onderdeel=plan#plan"
    )
    plan = Plan.objects.get(case=case)
    assert plan.version == 1 and plan.agreed_on == TODAY
    assert plan.goals.count() == 1  # the empty row is skipped
    assert sorted(plan.actions.values_list("description", flat=True)) == [
        "Budgetcoach regelen",
        "Samen de post openen",
    ]
    assert plan.actions.get(owner_kind="team").owner_user == member
    assert all(a.goal is not None for a in plan.actions.all())
    page = client.get(response["Location"]).content.decode()
    assert "Het plan is opgeslagen (versie 1)." in page
    assert "Ik wil mijn administratie op orde." in page
    assert "akkoord gegeven op" in page


def test_action_without_owner_shows_dutch_message_and_stores_nothing(client_for, case, worker):
    data = form_data(
        goals=[new_goal()],
        actions=[new_action(), new_action("Boodschappen doen", owner_kind="", owner_name="")],
    )
    response = client_for(worker).post(edit_url(case), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Elke actie heeft een eigenaar: kies wie dit doet" in html
    assert "Het plan is niet opgeslagen" in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_actions-1-owner_kind"' in html
    assert "Boodschappen doen" in html  # the input is kept
    assert not Plan.objects.exists() and not Action.objects.exists()


def test_team_owner_not_in_team_is_refused_in_the_row(client_for, case, worker):
    outsider = MembershipFactory().user
    data = form_data(
        goals=[new_goal()],
        actions=[new_action(owner_kind="team", owner_name="", owner_user=outsider.pk)],
    )
    response = client_for(worker).post(edit_url(case), data)
    # The outsider is not offered as a choice at all: the form refuses the value.
    assert response.status_code == 400
    assert not Plan.objects.exists()


def test_add_goal_and_action_rows_keep_the_input_and_store_nothing(client_for, case, worker):
    data = form_data(
        goals=[new_goal("Half getypt doel")], actions=[new_action("Half getypte actie")]
    )
    data["add_goal"] = "1"
    response = client_for(worker).post(edit_url(case), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="goals-TOTAL_FORMS" value="2"' in html
    assert 'name="goals-1-text"' in html
    assert "Half getypt doel" in html and "Half getypte actie" in html
    assert "Het plan is niet opgeslagen" not in html
    data["goals-TOTAL_FORMS"] = "2"
    del data["add_goal"]
    data["add_action"] = "1"
    html = client_for(worker).post(edit_url(case), data).content.decode()
    assert 'name="actions-TOTAL_FORMS" value="2"' in html
    assert 'name="actions-1-description"' in html
    assert not Plan.objects.exists()


def test_stale_save_keeps_the_input_and_links_to_the_newest_version(client_for, case, worker):
    plan = existing_plan(case, worker)
    goal_id = plan.goals.get().pk
    action_id = plan.actions.get().pk
    colleague = MembershipFactory(team=case.team, roles=[TeamRole.TEAMLEIDER]).user
    # Both open version 1; the colleague saves first.
    colleague_data = form_data(
        expected_version=1,
        goals=[
            {
                "id": goal_id,
                "domain": "financien",
                "text": "Versie van de collega",
                "status": "open",
            }
        ],
        actions=[new_action(id=action_id)],
        initial_goals=1,
        initial_actions=1,
    )
    assert client_for(colleague).post(edit_url(case), colleague_data).status_code == 302
    mine = form_data(
        expected_version=1,
        goals=[
            {"id": goal_id, "domain": "financien", "text": "Mijn eigen tekst", "status": "open"}
        ],
        actions=[new_action(id=action_id, description="Mijn nieuwe actie")],
        initial_goals=1,
        initial_actions=1,
    )
    response = client_for(worker).post(edit_url(case), mine)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Iemand anders heeft het plan intussen opgeslagen: versie 2" in html
    assert "niets verloren" in html
    assert reverse("cases:plan_version", args=[case.pk, 2]) in html
    assert "Mijn eigen tekst" in html and "Mijn nieuwe actie" in html
    assert re.search(r'name="expected_version" value="2"', html)
    plan.refresh_from_db()
    assert plan.version == 2
    assert plan.goals.get().text == "Versie van de collega"
    # Having seen the newest version, the editor saves deliberately: that becomes version 3.
    mine["expected_version"] = "2"
    assert client_for(worker).post(edit_url(case), mine).status_code == 302
    assert Plan.objects.get().goals.get().text == "Mijn eigen tekst"
    assert PlanVersion.objects.filter(plan=plan).count() == 3


def test_deleting_rows_and_goal_reference_to_deleted_goal(client_for, case, worker):
    plan = existing_plan(case, worker)
    goal_id = plan.goals.get().pk
    action_id = plan.actions.get().pk
    data = form_data(
        expected_version=1,
        goals=[
            {"id": goal_id, "domain": "financien", "text": "x", "status": "open", "DELETE": "on"}
        ],
        actions=[new_action(id=action_id, goal="0")],
        initial_goals=1,
        initial_actions=1,
    )
    response = client_for(worker).post(edit_url(case), data)
    assert response.status_code == 400
    assert "Dit doel wordt verwijderd" in response.content.decode()
    data["actions-0-goal"] = ""
    assert client_for(worker).post(edit_url(case), data).status_code == 302
    plan.refresh_from_db()
    assert plan.version == 2 and not plan.goals.exists() and plan.actions.get().goal is None


def test_closed_case_plan_cannot_be_edited(client_for):
    closed = CaseFactory(afgesloten=True)
    client = client_for(closed.coordinator)
    html = client.get(edit_url(closed)).content.decode()
    assert "Deze casus is afgesloten" in html
    assert 'name="goals-TOTAL_FORMS"' not in html
    response = client.post(edit_url(closed), form_data(goals=[new_goal()], actions=[new_action()]))
    assert response.status_code == 400
    assert "het plan kan niet meer worden gewijzigd" in response.content.decode()
    assert not Plan.objects.exists()


def test_future_agreement_date_is_refused(client_for, case, worker):
    data = form_data(
        goals=[new_goal()],
        actions=[new_action()],
        discussed_on=TODAY.isoformat(),
        agreed_on=(TODAY + datetime.timedelta(days=2)).isoformat(),
    )
    response = client_for(worker).post(edit_url(case), data)
    assert response.status_code == 400
    assert "De datum van het akkoord kan niet in de toekomst liggen." in response.content.decode()
    assert not Plan.objects.exists()


def test_malformed_input_is_a_400_not_a_500(client_for, case, worker):
    data = form_data(goals=[new_goal()], actions=[new_action(due_on="morgen", owner_user="abc")])
    data["expected_version"] = "twee"
    assert client_for(worker).post(edit_url(case), data).status_code == 400
    broken = {"goals-TOTAL_FORMS": "x"}
    assert client_for(worker).post(edit_url(case), broken).status_code == 400
    assert not Plan.objects.exists()


def test_versions_list_and_snapshot(client_for, case, worker):
    plan = existing_plan(case, worker)
    plan_save(
        actor=worker,
        case=case,
        expected_version=1,
        goals=[GoalData(id=plan.goals.get().pk, text="Aangepast doel", domain="financien")],
        actions=[],
    )
    client = client_for(worker)
    html = client.get(reverse("cases:plan_versions", args=[case.pk])).content.decode()
    assert "Versie 2" in html and "Versie 1" in html
    assert escape(worker.display_name) in html  # names like "van 't Hof" are escaped
    assert "Actie verwijderd: „Samen de post openen”" in html
    first = client.get(reverse("cases:plan_version", args=[case.pk, 1]))
    assert first.status_code == 200
    text = first.content.decode()
    assert "Ik wil mijn administratie op orde." in text and "Samen de post openen" in text
    assert "Dit is een oudere versie" in text
    assert client.get(reverse("cases:plan_version", args=[case.pk, 9])).status_code == 404
    outsider = MembershipFactory().user
    assert (
        client_for(outsider).get(reverse("cases:plan_versions", args=[case.pk])).status_code == 404
    )


def test_versions_page_without_plan_is_404(client_for, case, worker):
    assert client_for(worker).get(reverse("cases:plan_versions", args=[case.pk])).status_code == 404


def test_quick_action_status(client_for, case, worker):
    plan = existing_plan(case, worker)
    action = plan.actions.get()
    url = reverse("cases:plan_action_status", args=[case.pk, action.pk])
    client = client_for(worker)
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "gedaan", "expected_plan_version": "1"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "gedaan"
    stale = client.post(url, {"status": "bezig", "expected_plan_version": "1"})
    assert stale.status_code == 400
    assert "Iemand anders heeft het plan intussen opgeslagen" in stale.content.decode()
    bad = client.post(url, {"status": "klaar", "expected_plan_version": "2"})
    assert bad.status_code == 400
    action.refresh_from_db()
    assert action.status == "gedaan"
    other = CaseFactory(uitvoering=True)
    foreign = reverse("cases:plan_action_status", args=[other.pk, action.pk])
    assert client_for(other.coordinator).post(foreign, {"status": "open"}).status_code == 404


def test_case_page_shows_the_plan_section_in_constant_queries(client_for, case, worker):
    existing_plan(case, worker)
    client = client_for(worker)
    url = reverse("cases:detail", args=[case.pk]) + "?onderdeel=plan"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    html = response.content.decode()
    assert 'id="plan"' in html and "Samen de post openen" in html
    assert reverse("cases:plan_edit", args=[case.pk]) in html
    provider = OrganisationFactory(municipality=case.team.municipality, aanbieder=True)
    members = [MembershipFactory(team=case.team).user for _ in range(3)]
    plan_save(
        actor=worker,
        case=case,
        expected_version=1,
        goals=[GoalData(text=f"Doel {i}", domain="huisvesting") for i in range(4)],
        actions=[
            ActionData(description=f"Team {i}", owner_kind="team", owner_user_id=m.pk, goal=i)
            for i, m in enumerate(members)
        ]
        + [
            ActionData(
                description="Aanbieder",
                owner_kind="aanbieder",
                owner_organisation_id=provider.pk,
                due_on=TODAY - datetime.timedelta(days=3),
            )
        ],
    )
    with CaptureQueriesContext(connection) as large:
        html = client.get(url).content.decode()
    assert "Team 2" in html and provider.name in html and "te laat" in html
    assert len(large) == len(small)


def test_case_page_without_plan_offers_to_draw_one_up(client_for, case, worker):
    html = (
        client_for(worker)
        .get(reverse("cases:detail", args=[case.pk]) + "?onderdeel=plan")
        .content.decode()
    )
    assert "Er is nog geen plan" in html and "Plan opstellen" in html


def test_rows_removed_by_the_other_save_come_back_as_new_rows(client_for, case, worker):
    plan = existing_plan(case, worker)
    goal_id = plan.goals.get().pk
    action_id = plan.actions.get().pk
    mine = form_data(
        expected_version=1,
        goals=[{"id": goal_id, "domain": "financien", "text": "Mijn doel", "status": "open"}],
        actions=[new_action(id=action_id, description="Mijn actie")],
        initial_goals=1,
        initial_actions=1,
    )
    plan_save(actor=worker, case=case, expected_version=1, goals=[], actions=[])  # someone else
    client = client_for(worker)
    response = client.post(edit_url(case), mine)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'name="goals-0-id" value="{goal_id}"' not in html
    assert "Mijn doel" in html and "Mijn actie" in html
    # Saving the re-rendered input (ids cleared, newest version) keeps what was typed.
    mine.update({"expected_version": "2", "goals-0-id": "", "actions-0-id": ""})
    assert client.post(edit_url(case), mine).status_code == 302
    plan.refresh_from_db()
    assert plan.version == 3
    assert plan.goals.get().text == "Mijn doel" and plan.actions.get().description == "Mijn actie"
