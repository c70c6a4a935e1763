"""The case journal: the service (version check, idempotency, consent, audit), the screens and
the API, read through the scoped and logged selectors."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.audit.models import AuditEvent
from wijkteam.cases.constants import JOURNAL_NOTE_MAX
from wijkteam.cases.models import JournalEntry
from wijkteam.cases.services.journal import journal_entry_create, journal_entry_update
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.models import AccessLogEntry, Consent
from wijkteam.testing.factories import CaseFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
NOTE = "Mevrouw kan de trap niet meer op; de dochter doet twee keer per week boodschappen."


@pytest.fixture
def case():
    return CaseFactory(onderzoek=True)


@pytest.fixture
def worker(case):
    return case.coordinator


def entry_for(case, worker, **values):
    data = {
        "occurred_on": TODAY,
        "kind": "huisbezoek",
        "with_whom": "Mevrouw zelf",
        "note": NOTE,
        "category": "onderzoek",
    } | values
    return journal_entry_create(actor=worker, case=case, **data)


def form_data(**values):
    return {
        "occurred_on": TODAY.isoformat(),
        "kind": "telefoon",
        "with_whom": "De dochter",
        "note": NOTE,
        "category": "onderzoek",
        "idempotency_key": str(uuid.uuid4()),
    } | values


@pytest.fixture
def partner_worker(case):
    partner = OrganisationFactory(municipality=case.team.municipality, name="Welzijn Partner")
    member = MembershipFactory(team=case.team, organisation=partner, roles=[TeamRole.GENERALIST])
    case.involved_members.add(member.user)
    return member.user, partner


def consent(case, organisation, categories):
    for resident in case.household.members.all():
        Consent.objects.create(
            resident=resident,
            organisation=organisation,
            basis="toestemming",
            purpose="Samenwerking",
            categories=categories,
            given_how="mondeling",
            valid_from=TODAY,
            recorded_by=case.coordinator,
        )


# ---- service ---------------------------------------------------------------------------------


def test_create_records_the_entry_with_audit_and_access_log(case, worker):
    entry = entry_for(case, worker)
    assert entry.version == 1 and entry.author == worker and entry.note == NOTE
    audit = AuditEvent.objects.get(object_type="cases.JournalEntry")
    assert audit.action == "create"
    assert "trap" not in str(audit.changes)  # the note stays out of the audit trail
    assert AccessLogEntry.objects.filter(action="create", object_type="cases.JournalEntry").exists()


def test_the_same_idempotency_key_twice_is_one_entry(case, worker):
    key = uuid.uuid4()
    first = entry_for(case, worker, idempotency_key=key)
    second = entry_for(case, worker, idempotency_key=key, note="anders")
    assert first.pk == second.pk
    assert JournalEntry.objects.count() == 1


def test_a_key_of_another_case_is_refused(case, worker):
    key = uuid.uuid4()
    entry_for(case, worker, idempotency_key=key)
    other = CaseFactory(team=case.team, coordinator=worker)
    with pytest.raises(ValidationError):
        entry_for(other, worker, idempotency_key=key)


@pytest.mark.parametrize(
    "values, field",
    [
        ({"occurred_on": TODAY + DAY}, "occurred_on"),
        ({"note": "   "}, "note"),
        ({"note": "x" * (JOURNAL_NOTE_MAX + 1)}, "note"),
        ({"with_whom": ""}, "with_whom"),
        ({"kind": "duif"}, "kind"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(case, worker, values, field):
    with pytest.raises(ValidationError) as exc:
        entry_for(case, worker, **values)
    assert field in exc.value.message_dict
    assert not JournalEntry.objects.exists()


def test_a_bystander_and_the_client_supporter_may_not_write(case):
    bystander = MembershipFactory(team=case.team).user
    with pytest.raises(PermissionDenied):
        entry_for(case, bystander)
    supporter = MembershipFactory(team=case.team, roles=[TeamRole.CLIENTONDERSTEUNER]).user
    case.client_supporter = supporter
    case.save()
    with pytest.raises(PermissionDenied):
        entry_for(case, supporter)


def test_update_checks_the_version_and_the_author(case, worker):
    entry = entry_for(case, worker)
    values = {
        "occurred_on": TODAY - DAY,
        "kind": "telefoon",
        "with_whom": "De dochter",
        "note": "Gebeld.",
        "category": "onderzoek",
    }
    updated = journal_entry_update(actor=worker, entry=entry, expected_version=1, **values)
    assert updated.version == 2 and updated.note == "Gebeld." and updated.updated_at
    with pytest.raises(ConcurrentEditError):
        journal_entry_update(
            actor=worker, entry=entry, expected_version=1, **values | {"note": "x"}
        )
    assert JournalEntry.objects.get().note == "Gebeld."
    leader = MembershipFactory(team=case.team, roles=[TeamRole.TEAMLEIDER]).user
    with pytest.raises(PermissionDenied):
        journal_entry_update(actor=leader, entry=entry, expected_version=2, **values)
    change = AuditEvent.objects.filter(action="update", object_type="cases.JournalEntry").get()
    assert change.changes["note"] == "gewijzigd" and "Gebeld" not in str(change.changes)


def test_a_partner_writes_only_in_a_consented_category(case, partner_worker):
    member, partner = partner_worker
    with pytest.raises(PermissionDenied, match="toestemming"):
        entry_for(case, member)
    consent(case, partner, ["onderzoek"])
    assert entry_for(case, member).author == member
    with pytest.raises(PermissionDenied):
        entry_for(case, member, category="gezondheid")


# ---- screens ---------------------------------------------------------------------------------


def test_add_an_entry_through_the_form_and_see_it_in_the_journal(client_for, case, worker):
    client = client_for(worker)
    add = reverse("cases:journal_add", args=[case.pk])
    page = client.get(add).content.decode()
    assert 'name="idempotency_key"' in page and "data-wt-draft" in page
    data = form_data()
    response = client.post(add, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:journal", args=[case.pk])
    # The same form sent again (a double submit after reconnecting): still one entry.
    assert client.post(add, data).status_code == 302
    assert JournalEntry.objects.count() == 1
    html = client.get(response["Location"]).content.decode()
    assert "Het contactmoment staat in het journaal." in html
    assert "De dochter" in html and "trap niet meer op" in html
    assert 'aria-current="page"' in html


def test_bad_form_is_400_with_dutch_messages(client_for, case, worker):
    add = reverse("cases:journal_add", args=[case.pk])
    response = client_for(worker).post(add, form_data(occurred_on=(TODAY + DAY).isoformat()))
    assert response.status_code == 400
    html = response.content.decode()
    assert "niet in de toekomst" in html and 'aria-invalid="true"' in html
    assert client_for(worker).post(add, form_data(note="")).status_code == 400
    assert not JournalEntry.objects.exists()
    long = client_for(worker).post(add, form_data(note="x" * (JOURNAL_NOTE_MAX + 1)))
    assert long.status_code == 400


def test_a_stale_edit_is_refused_with_the_conflict_message(client_for, case, worker):
    entry = entry_for(case, worker)
    url = reverse("cases:journal_edit", args=[case.pk, entry.pk])
    client = client_for(worker)
    assert client.get(url).status_code == 200
    journal_entry_update(
        actor=worker,
        entry=entry,
        expected_version=1,
        occurred_on=TODAY,
        kind="huisbezoek",
        with_whom="Mevrouw zelf",
        note="Intussen gewijzigd.",
        category="onderzoek",
    )
    response = client.post(url, form_data(version="1", note="Mijn oude tekst."))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in html
    assert "Mijn oude tekst." in html  # the typed text is not lost
    assert JournalEntry.objects.get().note == "Intussen gewijzigd."
    ok = client.post(url, form_data(version="2", note="Nu goed."))
    assert ok.status_code == 302
    assert JournalEntry.objects.get().note == "Nu goed."


def test_outsiders_get_404_and_bystanders_may_read_but_not_add(client_for, case, worker):
    entry = entry_for(case, worker)
    journal = reverse("cases:journal", args=[case.pk])
    add = reverse("cases:journal_add", args=[case.pk])
    assert client_for(MembershipFactory().user).get(journal).status_code == 404
    leader = MembershipFactory(team=case.team, roles=[TeamRole.TEAMLEIDER]).user
    html = client_for(leader).get(journal).content.decode()
    assert "trap niet meer op" in html
    assert "Wijzigen" not in html  # not the author
    edit = reverse("cases:journal_edit", args=[case.pk, entry.pk])
    refused = client_for(leader).get(edit)
    assert refused.status_code == 403
    assert "Alleen wie het contactmoment vastlegde" in refused.content.decode()
    bystander = MembershipFactory(team=case.team).user
    assert client_for(bystander).get(add).status_code == 404


def test_a_partner_sees_only_entries_of_consented_categories(
    client_for, case, worker, partner_worker
):
    member, partner = partner_worker
    health = entry_for(case, worker, category="gezondheid", note="Diagnose van de huisarts.")
    entry_for(case, worker, category="onderzoek", note="Gewoon gesprek.")
    consent(case, partner, ["onderzoek"])
    client = client_for(member)
    html = client.get(reverse("cases:journal", args=[case.pk])).content.decode()
    assert "Gewoon gesprek." in html and "Diagnose" not in html
    assert "Gezondheid (bijzonder persoonsgegeven)" in html  # told what is hidden
    edit = reverse("cases:journal_edit", args=[case.pk, health.pk])
    response = client.get(edit)
    assert response.status_code == 403
    assert "Gezondheid" in response.content.decode()
    assert AccessLogEntry.objects.filter(action="refused", purpose__contains="journaal").exists()
    # The form offers only the categories the partner may see.
    form = client.get(reverse("cases:journal_add", args=[case.pk])).content.decode()
    assert 'value="onderzoek"' in form and 'value="gezondheid"' not in form


def test_the_journal_read_is_logged_and_costs_a_fixed_number_of_queries(client_for, case, worker):
    entry_for(case, worker)
    client = client_for(worker)
    url = reverse("cases:journal", args=[case.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(8):
        entry_for(case, worker, note=f"notitie {n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
    assert len(few) <= 22
    assert AccessLogEntry.objects.filter(purpose="casus geopend: journaal").exists()


# ---- API -------------------------------------------------------------------------------------


def test_api_list_create_patch_with_expected_version(client_for, case, worker):
    client = client_for(worker)
    key = str(uuid.uuid4())
    body = form_data(idempotency_key=key) | {"case": case.pk}
    created = client.post("/api/journal-entries/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    again = client.post("/api/journal-entries/", body, content_type="application/json")
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    pk = created.json()["id"]
    listed = client.get(f"/api/journal-entries/?case={case.pk}").json()
    assert listed["count"] == 1 and listed["results"][0]["kind_label"] == "Telefoon"
    patched = client.patch(
        f"/api/journal-entries/{pk}/",
        {"note": "Aangevuld.", "expected_version": 1},
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["version"] == 2
    assert patched.json()["with_whom"] == "De dochter"
    stale = client.patch(
        f"/api/journal-entries/{pk}/",
        {"note": "Oud.", "expected_version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert JournalEntry.objects.get().note == "Aangevuld."


def test_api_errors_are_structured(client_for, case, worker, partner_worker):
    client = client_for(worker)
    bad = client.post(
        "/api/journal-entries/",
        form_data(note="x" * (JOURNAL_NOTE_MAX + 1)) | {"case": case.pk},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "note" in bad.json()["errors"]
    future = client.post(
        "/api/journal-entries/",
        form_data(occurred_on=(TODAY + DAY).isoformat()) | {"case": case.pk},
        content_type="application/json",
    )
    assert future.status_code == 400 and "occurred_on" in future.json()["errors"]
    assert client.get("/api/journal-entries/?case=abc").status_code == 400
    assert client.get("/api/journal-entries/99999999/").status_code == 404
    outsider = client_for(MembershipFactory().user)
    assert outsider.get(f"/api/journal-entries/?case={case.pk}").status_code == 404
    member, _partner = partner_worker
    refused = client_for(member).post(
        "/api/journal-entries/", form_data() | {"case": case.pk}, content_type="application/json"
    )
    assert refused.status_code == 403 and "toestemming" in refused.json()["detail"]
    assert not JournalEntry.objects.exists()


def test_journal_entries_are_in_the_inzage_export(case, worker):
    from wijkteam.rights.inzage import build_export

    entry_for(case, worker)
    resident = case.household.members.first()
    sections = {s["model"]: s for s in build_export(resident)["sections"]}
    records = sections["cases.JournalEntry"]["records"]
    assert len(records) == 1 and "trap niet meer op" in str(records[0])
