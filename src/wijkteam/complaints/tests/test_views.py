"""The staff screens of klachten and bezwaren: the whole lifecycle through the forms, the
Dutch refusals at the field with nothing stored, stale and double submits, and the scope."""

import datetime
import re
import uuid

import pytest
from django.utils import timezone

from wijkteam.cases.models import Decision
from wijkteam.cases.tests.test_decision_fixtures import World, decided
from wijkteam.complaints.constants import ComplaintStatus, ObjectionStatus
from wijkteam.complaints.models import Complaint, Objection
from wijkteam.privacy.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    return timezone.localdate()


def iso(day: datetime.date) -> str:
    return day.isoformat()


def known_decision(w: World, made_known_on: datetime.date | None = None) -> Decision:
    decision = decided(w)
    Decision.objects.filter(pk=decision.pk).update(
        made_known_on=made_known_on or today() - datetime.timedelta(days=7)
    )
    decision.refresh_from_db()
    return decision


def register_complaint(client, w: World, **overrides: object):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {
        "submission_token": str(uuid.uuid4()),
        "team": w.team.pk,
        "subject": "team",
        "provider": "",
        "case": w.case.pk,
        "summary": "Ik werd drie weken niet teruggebeld.",
        "received_on": iso(today() - datetime.timedelta(days=2)),
    }
    data.update(overrides)
    return client.post("/klachten/nieuw/", data)


def step(client, path: str, action: str, version: int, **fields: object):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {f"{action}-expected_version": version}
    data.update({f"{action}-{k}": v for k, v in fields.items()})
    return client.post(f"{path}{action}/", data)


def test_a_complaint_goes_through_its_lifecycle(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.leader)
    assert client.get("/klachten/nieuw/").status_code == 200
    response = register_complaint(client, world)
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/klachten/{complaint.pk}/"
    path = response["Location"]
    page = client.get(path).content.decode()
    assert "verloopt over" in page
    assert "Ontvangst bevestigen" in page

    assert step(client, path, "ontvangst", 1, acknowledged_on=iso(today())).status_code == 302
    refused = step(client, path, "verdagen", 2, weeks=5, reason="Drukte", notified_on=iso(today()))
    assert refused.status_code == 400
    assert "ten hoogste 4 weken" in refused.content.decode()
    complaint.refresh_from_db()
    assert complaint.extension_weeks is None and complaint.version == 2
    due = complaint.due_on
    ok = step(client, path, "verdagen", 2, weeks=4, reason="Drukte", notified_on=iso(today()))
    assert ok.status_code == 302
    complaint.refresh_from_db()
    assert complaint.extension_weeks == 4
    assert complaint.due_on > due
    assert step(client, path, "horen", 3, heard_on=iso(today())).status_code == 302
    closed = step(
        client,
        path,
        "afhandelen",
        4,
        outcome="gegrond",
        conclusion="Excuses aangeboden.",
        closed_on=iso(today()),
    )
    assert closed.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED and complaint.outcome == "gegrond"
    page = client.get(path).content.decode()
    assert "Geschiedenis" in page and "afgehandeld" in page
    assert 'action="/klachten/' not in page  # no forms on a closed complaint


def test_double_submit_stores_one_complaint(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.leader)
    token = str(uuid.uuid4())
    first = register_complaint(client, world, submission_token=token)
    second = register_complaint(client, world, submission_token=token)
    assert first["Location"] == second["Location"]
    assert Complaint.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"summary": ""}, "Dit veld is vereist"),
        ({"subject": "aanbieder"}, "Kies de aanbieder waarover de klacht gaat."),
        ({"received_on": iso(today() + datetime.timedelta(days=1))}, "niet in de toekomst"),
        ({"received_on": "31-02-2026"}, "Voer een geldige datum in"),
        ({"submission_token": ""}, "mist zijn kenmerk"),
    ],
)
def test_bad_complaint_input_is_refused_in_dutch(world, client_for, overrides, message) -> None:  # type: ignore[no-untyped-def]
    response = register_complaint(client_for(world.leader), world, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Complaint.objects.exists()


def field_errors(response, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The messages the form shows at one field, checked to be rendered at that field: in its
    error block, which the field's input refers to."""
    errors = [str(e) for e in response.context["form"].errors.get(name, [])]
    if errors and name != "__all__":
        page = response.content.decode()
        assert f'id="id_{name}_error"><p class="utrecht-paragraph">{errors[0]}' in page
        assert re.search(f'aria-describedby="[^"]*id_{name}_error[^"]*"[^>]*id="id_{name}"', page)
    return errors


def test_a_stale_save_is_refused(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.leader)
    path = register_complaint(client, world)["Location"]
    step(client, path, "ontvangst", 1, acknowledged_on=iso(today()))
    stale = step(client, path, "horen", 1, heard_on=iso(today()))
    assert stale.status_code == 400
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in stale.content.decode()
    assert Complaint.objects.get().heard_on is None


@pytest.mark.parametrize(
    ("action", "fields", "message"),
    [
        ("horen", {}, "Vul de datum van het horen in"),
        ("afhandelen", {"outcome": "ongegrond", "conclusion": "x"}, "Hoor eerst de klager"),
        ("afhandelen", {"outcome": "", "conclusion": "x"}, "Dit veld is vereist"),
        ("verdagen", {"weeks": 0, "reason": "x"}, "ten hoogste 4 weken"),
        ("verdagen", {"weeks": 2, "reason": ""}, "Dit veld is vereist"),
        ("ontvangst", {"acknowledged_on": "gisteren"}, "Voer een geldige datum in"),
        (
            "ontvangst",
            {"acknowledged_on": "2026-01-01", "expected_version": ""},
            "mist zijn versie",
        ),
    ],
)
def test_bad_complaint_steps_store_nothing(world, client_for, action, fields, message) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.leader)
    path = register_complaint(client, world)["Location"]
    dated = {"afhandelen": "closed_on", "verdagen": "notified_on"}
    if action in dated:
        fields = {dated[action]: iso(today()), **fields}
    response = step(client, path, action, 1, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    complaint = Complaint.objects.get()
    assert complaint.version == 1 and complaint.status == ComplaintStatus.RECEIVED


def register_objection(client, w: World, decision: Decision, /, **overrides: object):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {
        "submission_token": str(uuid.uuid4()),
        "decision": decision.pk,
        "grounds": "Ik heb meer uren begeleiding nodig.",
        "received_on": iso(today()),
    }
    data.update(overrides)
    return client.post(f"/casussen/{w.case.pk}/bezwaar/nieuw/", data)


def test_a_bezwaar_goes_through_its_lifecycle(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    decision = known_decision(world)
    client = client_for(world.leader)
    form = client.get(f"/casussen/{world.case.pk}/bezwaar/nieuw/").content.decode()
    assert "bekendgemaakt op" in form
    response = register_objection(client, world, decision)
    assert response.status_code == 302
    objection = Objection.objects.get()
    path = response["Location"]
    assert path == f"/bezwaren/{objection.pk}/"
    refused = step(client, path, "verdagen", 1, weeks=7, reason="Advies nodig")
    assert refused.status_code == 400
    assert "ten hoogste 6 weken" in refused.content.decode()
    assert step(client, path, "verdagen", 1, weeks=6, reason="Advies nodig").status_code == 302
    objection.refresh_from_db()
    assert objection.term.extensions.get().weeks == 6
    assert step(client, path, "horen", 2, heard_on=iso(today())).status_code == 302
    granted = step(
        client, path, "beslissen", 3, outcome="gegrond", motivation="x", decided_on=iso(today())
    )
    assert granted.status_code == 400
    assert "herzien besluit" in granted.content.decode()
    decided_ = step(
        client,
        path,
        "beslissen",
        3,
        outcome="ongegrond",
        motivation="Het besluit blijft in stand.",
        decided_on=iso(today()),
    )
    assert decided_.status_code == 302
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.DECIDED and objection.term.met_on == today()


def test_a_late_bezwaar_is_flagged(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    decision = known_decision(world, today() - datetime.timedelta(days=70))
    client = client_for(world.leader)
    response = register_objection(client, world, decision)
    page = client.get(response["Location"]).content.decode()
    assert Objection.objects.get().late
    assert "niet-ontvankelijk tenzij verschoonbaar" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"decision": ""}, "decision", "Dit veld is vereist."),
        ({"grounds": "   "}, "grounds", "Dit veld is vereist."),
        ({"received_on": ""}, "received_on", "Dit veld is vereist."),
        ({"received_on": "31-02-2026"}, "received_on", "Voer een geldige datum in."),
        (
            {"received_on": iso(today() + datetime.timedelta(days=1))},
            "received_on",
            "De datum van ontvangst kan niet in de toekomst liggen.",
        ),
        (
            {"received_on": iso(today() - datetime.timedelta(days=8))},
            "received_on",
            "De datum van ontvangst kan niet vóór de bekendmaking van het besluit liggen "
            f"({today() - datetime.timedelta(days=7):%d-%m-%Y}).",
        ),
        ({"excusable_delay_note": "x" * 2001}, "excusable_delay_note", "2000"),
        ({"submission_token": ""}, "__all__", "Het formulier mist zijn kenmerk"),
    ],
)
def test_bad_bezwaar_input_is_refused_at_its_field(  # type: ignore[no-untyped-def]
    world: World, client_for, overrides: dict[str, object], field: str, message: str
) -> None:
    decision = known_decision(world)
    response = register_objection(client_for(world.leader), world, decision, **overrides)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert message in field_errors(response, field)[0]
    assert not Objection.objects.exists()
    assert not decision.case.terms.filter(key="beslissing_op_bezwaar").exists()


def test_a_decision_that_got_a_bezwaar_meanwhile_is_refused_at_the_field(  # type: ignore[no-untyped-def]
    world: World, client_for
) -> None:
    decision = known_decision(world)
    client = client_for(world.leader)
    assert register_objection(client, world, decision).status_code == 302
    again = register_objection(client, world, decision)  # another tab, its own token
    assert again.status_code == 400
    assert list(again.context["form"].errors) == ["decision"]
    assert Objection.objects.count() == 1


def test_a_bezwaar_on_a_decision_never_made_known_is_refused(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    decision = decided(world)
    client = client_for(world.leader)
    response = register_objection(client, world, decision)
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    page = client.get(f"/casussen/{world.case.pk}/bezwaar/nieuw/").content.decode()
    assert "geen bekendgemaakt besluit" in page
    assert not Objection.objects.exists()


def test_the_decision_maker_sees_but_does_not_handle(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    decision = known_decision(world)
    register_objection(client_for(world.leader), world, decision)
    objection = Objection.objects.get()
    client = client_for(world.beslisser)  # took the decision (Awb 7:5)
    page = client.get(f"/bezwaren/{objection.pk}/").content.decode()
    assert "niet behandelen" in page
    response = step(client, f"/bezwaren/{objection.pk}/", "horen", 1, heard_on=iso(today()))
    assert response.status_code == 400
    assert "Awb 7:5" in response.content.decode()
    objection.refresh_from_db()
    assert objection.heard_on is None


def test_scope_of_the_screens(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    path = register_complaint(client_for(world.leader), world)["Location"]
    coordinator = client_for(world.coordinator)
    assert coordinator.get("/klachten/").status_code == 403
    assert coordinator.get(path).status_code == 404
    assert coordinator.get(f"/casussen/{world.case.pk}/bezwaar/nieuw/").status_code == 404
    assert client_for(world.outsider).get(path).status_code == 404
    assert AccessLogEntry.objects.filter(user=world.coordinator, action="refused").exists()
    listing = client_for(world.leader).get("/klachten/").content.decode()
    assert path in listing
    assert (
        path not in client_for(world.leader).get("/klachten/?status=afgehandeld").content.decode()
    )


def test_open_klachten_and_bezwaren_are_in_the_handlers_queue(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from wijkteam.cases.models import Case
    from wijkteam.cases.selectors_queue import work_queue

    register_complaint(client_for(world.leader), world)
    register_objection(client_for(world.leader), world, known_decision(world))
    complaint, objection = Complaint.objects.get(), Objection.objects.get()
    items = work_queue(user=world.leader, team_wide=True)
    klachten = [i for i in items if i.kind == "klacht"]
    assert [(i.url, i.due_on, i.case_id) for i in klachten] == [
        (f"/klachten/{complaint.pk}/", complaint.due_on, world.case.pk)
    ]
    # The bezwaar of an open case is in the queue once: through its TrackedTerm.
    terms = [i for i in items if i.kind == "termijn" and i.due_on == objection.term.due_on]
    assert len(terms) == 1 and not [i for i in items if i.kind == "bezwaar"]
    # A member without a handling role does not get them.
    assert not [i for i in work_queue(user=world.coordinator) if i.kind in ("klacht", "bezwaar")]
    # Once the case is closed, the bezwaar stays in the queue through this source.
    Case.objects.filter(pk=world.case.pk).update(state="afgesloten", closed_on=today())
    items = work_queue(user=world.leader, team_wide=True)
    bezwaren = [i for i in items if i.kind == "bezwaar"]
    assert [(i.url, i.due_on) for i in bezwaren] == [
        (f"/bezwaren/{objection.pk}/", objection.term.due_on)
    ]
    page = client_for(world.leader).get("/werkvoorraad/team/").content.decode()
    assert f'href="/bezwaren/{objection.pk}/"' in page
    assert f'href="/klachten/{complaint.pk}/"' in page


def test_the_queue_api_gives_the_page_of_a_klacht_or_bezwaar(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from wijkteam.cases.models import Case

    client = client_for(world.leader)
    register_complaint(client, world)
    register_objection(client, world, known_decision(world))
    complaint, objection = Complaint.objects.get(), Objection.objects.get()
    rows = client.get("/api/work-queue/?team=1").json()
    # The bezwaar of an open case is its case's term: no page of its own, null (not "").
    terms = [r for r in rows if r["kind"] == "termijn" and r["case"] == world.case.pk]
    assert terms and all(r["url"] is None for r in terms)
    Case.objects.filter(pk=world.case.pk).update(state="afgesloten", closed_on=today())
    rows = client.get("/api/work-queue/?team=1").json()
    urls = {r["kind"]: r["url"] for r in rows if r["kind"] in ("klacht", "bezwaar")}
    assert urls == {"klacht": f"/klachten/{complaint.pk}/", "bezwaar": f"/bezwaren/{objection.pk}/"}


@pytest.mark.parametrize(
    ("action", "fields", "message"),
    [
        ("horen", {}, "Vul de datum van de hoorzitting in"),
        ("verdagen", {"weeks": 7, "reason": "Advies"}, "ten hoogste 6 weken"),
        ("beslissen", {"outcome": "ongegrond", "motivation": ""}, "Dit veld is vereist"),
        ("beslissen", {"outcome": "ongegrond", "motivation": "x"}, "Hoor eerst de bezwaarmaker"),
        ("intrekken", {"withdrawn_on": "2999-01-01"}, "kan niet in de toekomst liggen"),
    ],
)
def test_bad_objection_steps_store_nothing(world, client_for, action, fields, message) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.leader)
    path = register_objection(client, world, known_decision(world))["Location"]
    if action == "beslissen":
        fields = {"decided_on": iso(today()), **fields}
    response = step(client, path, action, 1, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    objection = Objection.objects.get()
    assert objection.version == 1 and objection.status == ObjectionStatus.RECEIVED
    assert not objection.term.extensions.exists()


def test_a_bezwaar_is_withdrawn(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.leader)
    path = register_objection(client, world, known_decision(world))["Location"]
    assert step(client, path, "intrekken", 1, withdrawn_on=iso(today())).status_code == 302
    objection = Objection.objects.get()
    assert objection.outcome == "ingetrokken" and objection.term.met_on == today()


def test_a_bezwaar_double_submit_stores_one(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.leader)
    decision = known_decision(world)
    token = str(uuid.uuid4())
    first = register_objection(client, world, decision, submission_token=token)
    second = register_objection(client, world, decision, submission_token=token)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Objection.objects.count() == 1


def test_menu_and_case_page_link_only_for_handlers(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    case_page = f"/casussen/{world.case.pk}/"
    leader = client_for(world.leader).get(case_page).content.decode()
    assert f'href="/casussen/{world.case.pk}/bezwaar/nieuw/"' in leader
    assert 'href="/klachten/"' in leader
    coordinator = client_for(world.coordinator).get(case_page).content.decode()
    assert "/bezwaar/nieuw/" not in coordinator
    assert 'href="/klachten/"' not in coordinator
