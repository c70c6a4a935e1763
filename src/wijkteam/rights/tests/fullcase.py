"""A case with a row in every casework model, each carrying a recognisable marker value."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from wijkteam.cases.models import (
    Action,
    Allocation,
    Assessment,
    AssessmentScore,
    CaseTransition,
    Conversation,
    CoordinatorAssignment,
    Decision,
    Evaluation,
    Goal,
    InitiativeConnection,
    Instrument,
    Intervention,
    Investigation,
    JournalEntry,
    Plan,
    PlanVersion,
    Report,
    ScaleEvent,
    TermExtension,
    TermSuspension,
    TimeEntry,
    TrackedTerm,
)
from wijkteam.privacy.models import Consent, ConsentRefusal, EmergencyAccess
from wijkteam.residents.models import CarerFollowUp
from wijkteam.rights.models import CorrectionRequest, InzageRequest
from wijkteam.testing.factories import (
    CaseFactory,
    DocumentFactory,
    InitiativeFactory,
    NetworkMemberFactory,
    OrganisationFactory,
    ReportFactory,
)


@dataclass
class FullCase:
    case: object
    resident: object
    other: object
    markers: dict[str, str] = field(default_factory=dict)


def build_full_case() -> FullCase:
    case = CaseFactory(uitvoering=True, residents=2)
    resident, other = list(case.household.members.order_by("pk"))
    resident.last_name = "Merkwaardig"
    resident.save()
    case.household.name = "Huishouden Merkwaardig"
    case.household.save()
    by = case.coordinator
    day = datetime.date(2026, 2, 2)
    markers = {
        "residents.Resident": "Merkwaardig",
        "residents.Household": "Huishouden Merkwaardig",
        "cases.Case": "MARK-closure-reason",
    }
    case.closure_reason = "MARK-closure-reason"
    case.save()
    carer = NetworkMemberFactory(household=case.household, name="MARK-netwerklid")
    markers["residents.NetworkMember"] = "MARK-netwerklid"
    # a follow-up holds codes only: its marker is its date
    CarerFollowUp.objects.create(
        network_member=carer, kind="respijtzorg", done_on=datetime.date(2026, 1, 24), recorded_by=by
    )
    markers["residents.CarerFollowUp"] = "2026-01-24"
    ReportFactory(
        team=case.team,
        resident=resident,
        case=case,
        status="casus",
        triage_outcome="onderzoek",
        question="MARK-melding",
    )
    markers["cases.Report"] = "MARK-melding"
    from wijkteam.outreach.models import Signal, SignalKind

    Signal.objects.create(
        team=case.team, address="MARK-signaal", kind=SignalKind.objects.order_by("pk")[0],
        source="buren", received_on=day, due_on=day, status="omgezet",
        report=Report.objects.get(question="MARK-melding"), created_by=by,
    )  # fmt: skip
    markers["outreach.Signal"] = "MARK-signaal"
    CaseTransition.objects.create(
        case=case, from_state="aangemeld", to_state="onderzoek", by=by, reason="MARK-transition"
    )
    markers["cases.CaseTransition"] = "MARK-transition"
    CoordinatorAssignment.objects.create(
        case=case,
        coordinator=by,
        assigned_by=by,
        ended_at=timezone.now(),
        handover_note="MARK-handover",
    )
    markers["cases.CoordinatorAssignment"] = "MARK-handover"
    investigation = Investigation.objects.create(
        case=case, started_on=day, conclusion="MARK-investigation"
    )
    markers["cases.Investigation"] = "MARK-investigation"
    conversation = Conversation.objects.create(
        investigation=investigation,
        held_on=day,
        place="MARK-keukentafel",
        summary="Gesprek",
        recorded_by=by,
    )
    conversation.residents.add(resident)
    markers["cases.Conversation"] = "MARK-keukentafel"
    instrument = Instrument.objects.get(code="zrm2017")
    assessment = Assessment.objects.create(
        case=case,
        resident=resident,
        instrument=instrument,
        moment="intake",
        measured_on=datetime.date(2026, 2, 3),
        measured_by=by,
    )
    markers["cases.Assessment"] = "2026-02-03"
    AssessmentScore.objects.create(
        assessment=assessment,
        domain=instrument.domains.get(code="huisvesting"),
        score=2,
        reason="MARK-score",
    )
    markers["cases.AssessmentScore"] = "MARK-score"
    plan = Plan.objects.create(case=case, agreement_note="MARK-plan")
    markers["cases.Plan"] = "MARK-plan"
    goal = Goal.objects.create(plan=plan, text="MARK-goal")
    markers["cases.Goal"] = "MARK-goal"
    Action.objects.create(plan=plan, goal=goal, description="MARK-action", owner_kind="inwoner")
    markers["cases.Action"] = "MARK-action"
    InitiativeConnection.objects.create(
        case=case,
        resident=resident,
        initiative=InitiativeFactory(district__municipality=case.team.municipality),
        consent_on=day,
        consent_note="MARK-initiatief",
        connected_by=by,
    )
    markers["cases.InitiativeConnection"] = "MARK-initiatief"
    PlanVersion.objects.create(
        plan=plan, number=1, snapshot={"goals": ["MARK-snapshot"]}, changed_by=by
    )
    markers["cases.PlanVersion"] = "MARK-snapshot"
    Evaluation.objects.create(case=case, planned_on=day, notes="MARK-evaluation")
    markers["cases.Evaluation"] = "MARK-evaluation"
    JournalEntry.objects.create(
        case=case,
        occurred_on=day,
        kind="huisbezoek",
        with_whom="De inwoner",
        note="MARK-journaal",
        author=by,
    )
    markers["cases.JournalEntry"] = "MARK-journaal"
    decision = Decision.objects.create(
        case=case,
        resident=resident,
        law="wmo",
        product_category="02",
        volume=Decimal("4"),
        unit="04",
        frequency="2",
        starts_on=day,
        ends_on=datetime.date(2026, 8, 1),
        requested_on=day,
        motivation="MARK-decision",
        created_by=by,
    )
    markers["cases.Decision"] = "MARK-decision"
    Decision.objects.create(
        case=case,
        resident=other,
        law="wmo",
        product_category="01",
        volume=Decimal("1"),
        unit="04",
        frequency="2",
        starts_on=day,
        ends_on=day,
        requested_on=day,
        motivation="NOT-MINE-decision",
        created_by=by,
    )
    intervention = Intervention.objects.create(
        case=case, kind="maatwerk", description="MARK-intervention", starts_on=day, created_by=by
    )
    markers["cases.Intervention"] = "MARK-intervention"
    allocation = Allocation.objects.create(
        intervention=intervention,
        decision=decision,
        provider=OrganisationFactory(aanbieder=True, municipality=case.team.municipality),
        product_category="02",
        volume=Decimal("4"),
        unit="04",
        frequency="2",
        allocation_number="MARK-ALLOC-1",
        allocated_by=by,
    )
    markers["cases.Allocation"] = "MARK-ALLOC-1"
    TimeEntry.objects.create(
        intervention=intervention, member=by, worked_on=day, hours=Decimal("2"), note="MARK-time"
    )
    markers["cases.TimeEntry"] = "MARK-time"
    ScaleEvent.objects.create(
        intervention=intervention, change="opschalen", reason="MARK-scale", by=by
    )
    markers["cases.ScaleEvent"] = "MARK-scale"
    term = TrackedTerm.objects.create(
        case=case, key="wmo_onderzoek", starts_on=day, due_on=datetime.date(2026, 3, 16)
    )
    markers["cases.TrackedTerm"] = "wmo_onderzoek"
    TermExtension.objects.create(term=term, reason="MARK-extension", by=by)
    markers["cases.TermExtension"] = "MARK-extension"
    TermSuspension.objects.create(
        term=term,
        starts_on=day,
        ends_on=datetime.date(2026, 2, 9),
        reason="MARK-suspension",
        by=by,
    )
    markers["cases.TermSuspension"] = "MARK-suspension"
    Consent.objects.create(
        resident=resident,
        organisation=case.team.responsible_organisation,
        purpose="MARK-consent",
        categories=["plan"],
        given_how="mondeling",
        valid_from=day,
        recorded_by=by,
    )
    markers["privacy.Consent"] = "MARK-consent"
    # a refusal holds codes only: its marker is the date of the refusal
    ConsentRefusal.objects.create(
        resident=resident,
        organisation=case.team.responsible_organisation,
        category="gezondheid",
        refused_on=datetime.date(2026, 1, 23),
        reason="vertrouwen",
        recorded_by=by,
    )
    markers["privacy.ConsentRefusal"] = "2026-01-23"
    EmergencyAccess.objects.create(
        user=by,
        case=case,
        reason="MARK-emergency",
        opened_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(minutes=1),
    )
    markers["privacy.EmergencyAccess"] = "MARK-emergency"
    InzageRequest.objects.create(
        resident=resident,
        received_on=day,
        requested_by="inwoner",
        received_via="brief",
        note="MARK-inzage",
        due_on=datetime.date(2026, 3, 2),
        registered_by=by,
    )
    markers["rights.InzageRequest"] = "MARK-inzage"
    CorrectionRequest.objects.create(
        resident=resident,
        received_on=day,
        concerns="MARK-correction",
        requested_change="Adres klopt niet",
        due_on=datetime.date(2026, 3, 2),
        registered_by=by,
    )
    markers["rights.CorrectionRequest"] = "MARK-correction"
    DocumentFactory(case=case, description="MARK-document", uploaded_by=by)
    markers["documents.Document"] = "MARK-document"
    _add_iwmo(case, resident, allocation, by, day, markers)
    # the portal: the resident's answer to the plan and a melding made in Mijn wijkteam
    from wijkteam.portal.models import PlanAgreement, PortalReport

    PlanAgreement.objects.create(
        plan=plan, plan_version=plan.version, resident=resident, choice="niet_akkoord",
        comment="MARK-plan-answer",
    )  # fmt: skip
    markers["portal.PlanAgreement"] = "MARK-plan-answer"
    PortalReport.objects.create(
        report=Report.objects.get(question="MARK-melding"),
        contact_preference="telefoon",
        contact_value="MARK-portal-contact",
    )
    markers["portal.PortalReport"] = "MARK-portal-contact"
    from wijkteam.portal.models import Message as PortalMessage
    from wijkteam.portal.models import MessageAttachment, Representation, SurveyParticipation

    portal_message = PortalMessage.objects.create(
        case=case, direction="inwoner", resident=resident, body="MARK-portal-message"
    )
    markers["portal.Message"] = "MARK-portal-message"
    MessageAttachment.objects.create(
        message=portal_message, original_name="MARK-attachment.pdf",
        content_type="application/pdf", size=5, sha256="0" * 64, stored_name="mark-attachment",
    )  # fmt: skip
    markers["portal.MessageAttachment"] = "MARK-attachment.pdf"
    Representation.objects.create(
        represented=resident, representative_bsn="100000009",
        representative_name="MARK-representative", basis="curatele",
        valid_from=day, recorded_by=by,
    )  # fmt: skip
    markers["portal.Representation"] = "MARK-representative"
    participation = SurveyParticipation.objects.create(case=case, resident=resident)
    markers["portal.SurveyParticipation"] = str(participation.pk)
    _complaints(case, resident, decision, by, day, markers)
    return FullCase(case=case, resident=resident, other=other, markers=markers)


def _add_iwmo(case, resident, allocation, by, day, markers) -> None:
    from wijkteam.iwmo.models import (
        AllocationLine,
        DeliveryEvent,
        Escalation,
        Message,
        ProviderRequest,
        SpecialistDeployment,
    )

    message = Message.objects.create(
        standard="iwmo", message_type="305", direction="in", status="verwerkt",
        message_id="MARK-MSG", sender="12345678", receiver="0001", case=case,
        resident=resident, allocation=allocation, raw_xml="<Bericht/>",
    )  # fmt: skip
    markers["iwmo.Message"] = "MARK-MSG"
    DeliveryEvent.objects.create(allocation=allocation, kind="start", on=day, message=message)
    markers["iwmo.DeliveryEvent"] = "start"
    AllocationLine.objects.create(
        allocation=allocation, sequence=2, number="MARK-LINE-2", starts_on=day,
        volume=Decimal(3), change_reason="05",
    )  # fmt: skip
    markers["iwmo.AllocationLine"] = "MARK-LINE-2"
    ProviderRequest.objects.create(
        message=message, kind="315", case=case, resident=resident, provider=allocation.provider,
        reference="MARK-REQ", product_category="02", starts_on=day, received_on=day, due_on=day,
    )  # fmt: skip
    markers["iwmo.ProviderRequest"] = "MARK-REQ"
    common = {
        "case": case, "provider": allocation.provider, "product_category": "02",
        "volume": Decimal(2), "unit": "04", "frequency": "2", "starts_on": day, "ends_on": day,
    }  # fmt: skip
    SpecialistDeployment.objects.create(reason="MARK-deploy", deployed_by=by, **common)
    markers["iwmo.SpecialistDeployment"] = "MARK-deploy"
    Escalation.objects.create(
        reason="MARK-escalation", mandate_note="x", requested_by=by, due_on=day, **common
    )
    markers["iwmo.Escalation"] = "MARK-escalation"


def _complaints(
    case: Any,
    resident: Any,
    decision: Decision,
    by: Any,
    day: datetime.date,
    markers: dict[str, str],
) -> None:
    from wijkteam.complaints.models import Complaint, Objection

    Complaint.objects.create(
        team=case.team,
        subject="team",
        case=case,
        resident=resident,
        channel="professional",
        summary="MARK-complaint",
        received_on=day,
        due_on=day,
        filed_by=by,
    )
    markers["complaints.Complaint"] = "MARK-complaint"
    term = TrackedTerm.objects.create(
        case=case, decision=decision, key="beslissing_op_bezwaar", starts_on=day, due_on=day
    )
    Objection.objects.create(
        decision=decision,
        case=case,
        team=case.team,
        law="wmo",
        resident=resident,
        channel="professional",
        grounds="MARK-objection",
        received_on=day,
        filing_due_on=day,
        term=term,
        filed_by=by,
    )
    markers["complaints.Objection"] = "MARK-objection"
