import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkteam.audit.models import AuditEvent
from wijkteam.cases.models import Case, Conversation, Investigation, TrackedTerm
from wijkteam.cases.services import intake
from wijkteam.cases.services import investigation as services
from wijkteam.cases.services.terms import term_start
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    NetworkMemberFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def onderzoek_case(**kwargs: object) -> Case:
    """A Wmo case moved into onderzoek the real way, with its terms started."""
    case = CaseFactory(**kwargs)
    term_start(case=case, key="wmo_onderzoek", starts_on=TODAY() - 10 * DAY)
    term_start(case=case, key="wmo_persoonlijk_plan", starts_on=TODAY() - 10 * DAY)
    intake.case_transition(
        actor=case.coordinator, case=case, to_state="onderzoek", expected_version=case.version
    )
    case.refresh_from_db()
    return case


def add(case: Case, **overrides: object) -> Conversation:
    args: dict[str, object] = {
        "actor": case.coordinator,
        "case": case,
        "held_on": TODAY() - 2 * DAY,
        "place": "Bij mevrouw thuis",
        "residents": list(case.household.members.all()),
        "network_members": [],
        "client_supporter_present": True,
        "other_participants": "Tolk Turks",
        "summary": "Mevrouw kan niet meer zelf boodschappen doen.",
    }
    args.update(overrides)
    return services.conversation_add(**args)  # type: ignore[arg-type]


def conclude(case: Case, text: str = "Hulp bij het huishouden is nodig.") -> Investigation:
    return services.investigation_update(
        actor=case.coordinator,
        case=case,
        personal_plan_received_on=None,
        personal_plan_summary="",
        conclusion=text,
    )


def term(case: Case, key: str) -> TrackedTerm:
    return TrackedTerm.objects.get(case=case, key=key)


def test_entering_onderzoek_creates_the_investigation():
    case = onderzoek_case()
    assert Investigation.objects.get(case=case).started_on == TODAY()


def test_conversation_add_stores_participants_audit_and_access_log():
    case = onderzoek_case(residents=2)
    carer = NetworkMemberFactory(household=case.household, name="Henk (buurman)")
    first = case.household.members.first()
    conversation = add(case, residents=[first], network_members=[carer])
    assert list(conversation.residents.all()) == [first]
    assert list(conversation.network_members.all()) == [carer]
    assert conversation.client_supporter_present and conversation.recorded_by == case.coordinator
    event = AuditEvent.objects.get(object_type="cases.Conversation")
    assert event.changes["residents"] == [first.pk]
    assert "Mevrouw" not in str(event.changes)  # the summary stays out of the audit trail
    entry = AccessLogEntry.objects.filter(action=AccessAction.CREATE).get()
    assert sorted(entry.resident_ids) == sorted(r.pk for r in case.household.members.all())


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"held_on": "tomorrow"}, "held_on", "niet in de toekomst"),
        ({"place": "  "}, "place", "Vul in waar het gesprek plaatsvond"),
        ({"place": "x" * 151}, "place", "hoogstens 150 tekens"),
        ({"residents": []}, "residents", "minstens één inwoner"),
        ({"summary": ""}, "summary", "Schrijf op wat er in het gesprek is besproken"),
        ({"other_participants": "x" * 251}, "other_participants", "hoogstens 250 tekens"),
    ],
)
def test_conversation_add_refuses_bad_input_and_stores_nothing(overrides, field, message):
    case = onderzoek_case()
    if overrides.get("held_on") == "tomorrow":
        overrides = {**overrides, "held_on": TODAY() + DAY}
    with pytest.raises(ValidationError) as exc:
        add(case, **overrides)
    assert message in " ".join(exc.value.message_dict[field])
    assert not Conversation.objects.exists()


def test_conversation_today_is_allowed():
    case = onderzoek_case()
    assert add(case, held_on=TODAY()).held_on == TODAY()


def test_conversation_refuses_residents_and_network_of_another_household():
    case = onderzoek_case()
    stranger = ResidentFactory()
    other_carer = NetworkMemberFactory()
    with pytest.raises(ValidationError) as exc:
        add(case, residents=[stranger], network_members=[other_carer])
    assert "huishouden van deze casus" in exc.value.message_dict["residents"][0]
    assert "netwerk van dit huishouden" in exc.value.message_dict["network_members"][0]
    assert not Conversation.objects.exists()


def test_conversation_only_by_a_case_worker():
    case = onderzoek_case()
    supporter = MembershipFactory(team=case.team, roles=[TeamRole.CLIENTONDERSTEUNER]).user
    Case.objects.filter(pk=case.pk).update(client_supporter=supporter)
    case.refresh_from_db()
    outsider = MembershipFactory().user
    for user in (supporter, outsider):
        with pytest.raises(PermissionDenied):
            add(case, actor=user)
    assert not Conversation.objects.exists()


def test_conversation_needs_an_investigation_an_open_case_and_no_completion():
    without = CaseFactory()
    with pytest.raises(ValidationError, match="nog geen onderzoek"):
        add(without)
    closed = onderzoek_case()
    Case.objects.filter(pk=closed.pk).update(
        state="afgesloten", closed_on=TODAY(), closure_outcome="afgezien"
    )
    with pytest.raises(ValidationError, match="afgesloten"):
        add(closed)
    done = onderzoek_case()
    add(done)
    conclude(done)
    services.investigation_complete(actor=done.coordinator, case=done, completed_on=TODAY())
    with pytest.raises(ValidationError, match="afgerond"):
        add(done)
    assert Conversation.objects.count() == 1


def test_update_records_personal_plan_and_meets_its_term():
    case = onderzoek_case()
    received = TODAY() - 3 * DAY
    inv = services.investigation_update(
        actor=case.coordinator,
        case=case,
        personal_plan_received_on=received,
        personal_plan_summary="Ik wil zelf blijven koken, met hulp van mijn dochter.",
        conclusion="Voorlopig: hulp bij het huishouden.",
    )
    assert inv.personal_plan_received_on == received
    assert term(case, "wmo_persoonlijk_plan").met_on == received
    assert term(case, "wmo_onderzoek").met_on is None
    event = AuditEvent.objects.filter(object_type="cases.Investigation").get()
    assert event.changes == {
        "fields": ["conclusion", "personal_plan_received_on", "personal_plan_summary"]
    }
    assert AccessLogEntry.objects.filter(action=AccessAction.CHANGE, purpose__contains="onderzoek")


def test_update_without_plan_leaves_the_term_open():
    case = onderzoek_case()
    conclude(case)
    assert term(case, "wmo_persoonlijk_plan").met_on is None


@pytest.mark.parametrize(
    ("received", "summary", "field", "message"),
    [
        (DAY, "Plan", "personal_plan_received_on", "niet in de toekomst"),
        (-DAY, " ", "personal_plan_summary", "Vat samen"),
        (None, "Een plan zonder datum", "personal_plan_received_on", "wanneer"),
    ],
)
def test_update_refusals_change_nothing(received, summary, field, message):
    case = onderzoek_case()
    with pytest.raises(ValidationError) as exc:
        services.investigation_update(
            actor=case.coordinator,
            case=case,
            personal_plan_received_on=None if received is None else TODAY() + received,
            personal_plan_summary=summary,
            conclusion="Iets",
        )
    assert message in exc.value.message_dict[field][0]
    inv = Investigation.objects.get(case=case)
    assert inv.conclusion == "" and inv.personal_plan_received_on is None
    assert term(case, "wmo_persoonlijk_plan").met_on is None


def test_update_refuses_a_stale_form():
    case = onderzoek_case()
    seen = services.investigation_fingerprint(Investigation.objects.get(case=case))
    conclude(case, "Eerste versie van een collega.")
    with pytest.raises(ConcurrentEditError):
        services.investigation_update(
            actor=case.coordinator,
            case=case,
            personal_plan_received_on=None,
            personal_plan_summary="",
            conclusion="Mijn versie",
            expected_fingerprint=seen,
        )
    assert Investigation.objects.get(case=case).conclusion == "Eerste versie van een collega."


def test_update_with_a_fresh_fingerprint_is_accepted():
    case = onderzoek_case()
    seen = services.investigation_fingerprint(Investigation.objects.get(case=case))
    inv = services.investigation_update(
        actor=case.coordinator,
        case=case,
        personal_plan_received_on=None,
        personal_plan_summary="",
        conclusion="Klaar",
        expected_fingerprint=seen,
    )
    assert inv.conclusion == "Klaar"


def test_update_refused_for_non_worker_and_after_completion():
    case = onderzoek_case()
    with pytest.raises(PermissionDenied):
        services.investigation_update(
            actor=MembershipFactory(team=case.team).user,
            case=case,
            personal_plan_received_on=None,
            personal_plan_summary="",
            conclusion="x",
        )
    add(case)
    conclude(case, "Definitief")
    services.investigation_complete(actor=case.coordinator, case=case, completed_on=TODAY())
    with pytest.raises(ValidationError, match="afgerond"):
        conclude(case, "Later gewijzigd")
    assert Investigation.objects.get(case=case).conclusion == "Definitief"


def test_complete_needs_a_conclusion_and_a_conversation():
    case = onderzoek_case()
    with pytest.raises(ValidationError) as exc:
        services.investigation_complete(actor=case.coordinator, case=case, completed_on=TODAY())
    assert "conclusie" in exc.value.message_dict["conclusion"][0]
    assert "keukentafelgesprek" in exc.value.message_dict["conversations"][0]
    assert Investigation.objects.get(case=case).completed_on is None
    assert term(case, "wmo_onderzoek").met_on is None


def test_complete_refuses_future_and_a_date_before_the_last_conversation():
    case = onderzoek_case()
    add(case, held_on=TODAY() - DAY)
    conclude(case)
    with pytest.raises(ValidationError, match="toekomst"):
        services.investigation_complete(
            actor=case.coordinator, case=case, completed_on=TODAY() + DAY
        )
    with pytest.raises(ValidationError, match="laatste gesprek"):
        services.investigation_complete(
            actor=case.coordinator, case=case, completed_on=TODAY() - 2 * DAY
        )
    assert Investigation.objects.get(case=case).completed_on is None


def test_complete_meets_the_onderzoek_term_once():
    case = onderzoek_case()
    add(case, held_on=TODAY() - 2 * DAY)
    conclude(case)
    inv = services.investigation_complete(
        actor=case.coordinator, case=case, completed_on=TODAY() - DAY
    )
    assert inv.completed_on == TODAY() - DAY
    assert term(case, "wmo_onderzoek").met_on == TODAY() - DAY
    with pytest.raises(ValidationError, match="afgerond"):
        services.investigation_complete(actor=case.coordinator, case=case, completed_on=TODAY())
    with pytest.raises(PermissionDenied):
        services.investigation_complete(
            actor=MembershipFactory().user, case=case, completed_on=TODAY()
        )


def test_verslag_handed_only_after_completion():
    case = onderzoek_case()
    with pytest.raises(ValidationError) as exc:
        services.verslag_handed(actor=case.coordinator, case=case, handed_on=TODAY())
    assert "Rond eerst het onderzoek af" in exc.value.message_dict["handed_on"][0]
    assert Investigation.objects.get(case=case).report_handed_on is None


def test_verslag_handed_refusals_and_success():
    case = onderzoek_case()
    add(case, held_on=TODAY() - 3 * DAY)
    conclude(case)
    services.investigation_complete(
        actor=case.coordinator, case=case, completed_on=TODAY() - 2 * DAY
    )
    with pytest.raises(ValidationError, match="toekomst"):
        services.verslag_handed(actor=case.coordinator, case=case, handed_on=TODAY() + DAY)
    with pytest.raises(ValidationError, match="vóór het onderzoek was afgerond"):
        services.verslag_handed(actor=case.coordinator, case=case, handed_on=TODAY() - 3 * DAY)
    with pytest.raises(PermissionDenied):
        services.verslag_handed(actor=MembershipFactory().user, case=case, handed_on=TODAY())
    assert Investigation.objects.get(case=case).report_handed_on is None
    inv = services.verslag_handed(actor=case.coordinator, case=case, handed_on=TODAY() - DAY)
    assert inv.report_handed_on == TODAY() - DAY
    event = AuditEvent.objects.filter(object_type="cases.Investigation").order_by("id").last()
    assert event is not None
    assert event.changes == {"report_handed_on": [None, (TODAY() - DAY).isoformat()]}


def test_verslag_export_logs_an_export_with_every_resident():
    case = onderzoek_case(residents=2)
    add(case)
    investigation, pdf = services.verslag_export(actor=case.coordinator, case=case)
    assert pdf.startswith(b"%PDF")
    assert investigation.case_id == case.pk
    entry = AccessLogEntry.objects.get(action=AccessAction.EXPORT)
    assert sorted(entry.resident_ids) == sorted(r.pk for r in case.household.members.all())
    assert entry.object_type == "cases.Investigation"


def test_verslag_export_refused_out_of_scope_and_without_investigation():
    case = onderzoek_case()
    with pytest.raises(PermissionDenied):
        services.verslag_export(actor=MembershipFactory().user, case=case)
    without = CaseFactory()
    with pytest.raises(ValidationError):
        services.verslag_export(actor=without.coordinator, case=without)
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()
