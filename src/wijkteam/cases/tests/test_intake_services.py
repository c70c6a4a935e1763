import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkteam.audit.models import AuditEvent
from wijkteam.cases.constants import CaseState, ReportStatus, TriageOutcome
from wijkteam.cases.models import Case, CaseTransition, CoordinatorAssignment, Investigation, Report
from wijkteam.cases.services import intake
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    OrganisationFactory,
    ReportFactory,
    ResidentFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def member(team):
    return MembershipFactory(team=team, roles=[TeamRole.GENERALIST]).user


def create(member, team, **kw):
    resident = kw.pop("resident", None) or ResidentFactory(
        household__municipality=team.municipality
    )
    args = {
        "actor": member,
        "team": team,
        "resident": resident,
        "channel": "telefoon",
        "referrer_kind": "huisarts",
        "question": "Mevrouw valt vaak en kan niet meer zelf douchen.",
        "received_at": timezone.now() - datetime.timedelta(hours=1),
        "law_track": "wmo",
        "informed_about_client_support": True,
    }
    args.update(kw)
    return intake.report_create(**args)


class TestReportCreate:
    def test_creates_report_with_audit_and_access_log(self, team, member):
        report = create(member, team)
        assert report.status == ReportStatus.OPEN
        assert AuditEvent.objects.filter(object_type="cases.Report", action="create").exists()
        entry = AccessLogEntry.objects.get(object_type="cases.Report")
        assert entry.resident_ids == [report.resident_id] and entry.action == "create"

    def test_future_date_refused(self, team, member):
        with pytest.raises(ValidationError) as exc:
            create(member, team, received_at=timezone.now() + datetime.timedelta(days=2))
        assert "toekomst" in exc.value.message_dict["received_at"][0]
        assert not Report.objects.exists()

    def test_wmo_melding_requires_informing_about_client_support(self, team, member):
        with pytest.raises(ValidationError) as exc:
            create(member, team, informed_about_client_support=False)
        assert "cliëntondersteuning" in exc.value.message_dict["informed_about_client_support"][0]
        assert not Report.objects.exists()

    def test_non_member_refused(self, team):
        outsider = MembershipFactory().user
        with pytest.raises(PermissionDenied):
            create(outsider, team)


class TestTriage:
    def test_advice_closes_the_melding(self, member, team):
        report = create(member, team)
        intake.report_triage(
            actor=member,
            report=report,
            outcome=TriageOutcome.INFORMATIE_ADVIES,
            note="Gewezen op de boodschappendienst van de vrijwilligerscentrale.",
        )
        report.refresh_from_db()
        assert report.status == ReportStatus.AFGEHANDELD and report.case is None

    def test_advice_without_answer_refused(self, member, team):
        report = create(member, team)
        with pytest.raises(ValidationError):
            intake.report_triage(
                actor=member, report=report, outcome=TriageOutcome.INFORMATIE_ADVIES
            )
        report.refresh_from_db()
        assert report.status == ReportStatus.OPEN

    def test_referral_needs_organisation_and_handover_note(self, member, team):
        report = create(member, team)
        with pytest.raises(ValidationError) as exc:
            intake.report_triage(actor=member, report=report, outcome=TriageOutcome.VERWEZEN)
        assert {"referred_to", "note"} <= set(exc.value.message_dict)
        org = OrganisationFactory(municipality=team.municipality)
        intake.report_triage(
            actor=member,
            report=report,
            outcome=TriageOutcome.VERWEZEN,
            referred_to=org,
            note="Warm overgedragen aan de schuldhulp, afspraak donderdag.",
        )
        report.refresh_from_db()
        assert report.referred_to == org and report.status == ReportStatus.AFGEHANDELD

    def test_onderzoek_opens_case_with_terms(self, member, team):
        report = create(member, team)
        intake.report_triage(actor=member, report=report, outcome=TriageOutcome.ONDERZOEK)
        report.refresh_from_db()
        case = report.case
        assert case is not None and case.coordinator == member and case.state == CaseState.AANGEMELD
        assert set(case.terms.values_list("key", flat=True)) == {
            "wmo_onderzoek",
            "wmo_persoonlijk_plan",
        }
        onderzoek = case.terms.get(key="wmo_onderzoek")
        assert onderzoek.due_on.weekday() < 5  # the Atw never lets a term end in the weekend
        assert CoordinatorAssignment.objects.filter(case=case, ended_at__isnull=True).count() == 1

    def test_second_melding_joins_the_open_case_of_the_household(self, member, team):
        first = create(member, team)
        intake.report_triage(actor=member, report=first, outcome=TriageOutcome.ONDERZOEK)
        partner = ResidentFactory(household=first.resident.household, household_relation="partner")
        second = create(member, team, resident=partner)
        intake.report_triage(
            actor=member, report=second, outcome=TriageOutcome.LICHTE_ONDERSTEUNING
        )
        assert Case.objects.count() == 1  # one household, one plan

    def test_triage_twice_refused(self, member, team):
        report = create(member, team)
        intake.report_triage(
            actor=member,
            report=report,
            outcome=TriageOutcome.GEEN_ACTIE,
            note="Vraag was al opgelost.",
        )
        with pytest.raises(ValidationError):
            intake.report_triage(actor=member, report=report, outcome=TriageOutcome.ONDERZOEK)

    def test_clientondersteuner_does_not_triage(self, team):
        supporter = MembershipFactory(team=team, roles=[TeamRole.CLIENTONDERSTEUNER]).user
        report = ReportFactory(team=team)
        with pytest.raises(PermissionDenied):
            intake.report_triage(actor=supporter, report=report, outcome=TriageOutcome.ONDERZOEK)


class TestStateMachine:
    def test_legal_path_and_history(self):
        case = CaseFactory()
        user = case.coordinator
        for state in (
            CaseState.ONDERZOEK,
            CaseState.PLAN,
            CaseState.UITVOERING,
            CaseState.EVALUATIE,
        ):
            case = intake.case_transition(
                actor=user, case=case, to_state=state, expected_version=case.version
            )
        assert case.state == CaseState.EVALUATIE
        assert Investigation.objects.filter(case=case).exists()
        assert list(
            CaseTransition.objects.filter(case=case).values_list("to_state", flat=True)
        ) == ["onderzoek", "plan", "uitvoering", "evaluatie"]

    def test_illegal_transition_refused_with_message(self):
        case = CaseFactory()
        with pytest.raises(ValidationError) as exc:
            intake.case_transition(
                actor=case.coordinator,
                case=case,
                to_state=CaseState.EVALUATIE,
                expected_version=case.version,
            )
        assert "kan een casus niet naar fase" in exc.value.messages[0]
        case.refresh_from_db()
        assert case.state == CaseState.AANGEMELD and not CaseTransition.objects.exists()

    def test_stale_version_refused(self):
        case = CaseFactory()
        intake.case_transition(
            actor=case.coordinator, case=case, to_state=CaseState.ONDERZOEK, expected_version=1
        )
        with pytest.raises(ConcurrentEditError):
            intake.case_transition(
                actor=case.coordinator, case=case, to_state=CaseState.AFGESLOTEN, expected_version=1
            )

    def test_close_and_reopen_keep_history(self):
        case = CaseFactory(uitvoering=True)
        user = case.coordinator
        with pytest.raises(ValidationError) as exc:
            intake.case_close(
                actor=user, case=case, expected_version=case.version, outcome="", reason=""
            )
        assert {"outcome", "reason"} <= set(exc.value.message_dict)
        case = intake.case_close(
            actor=user,
            case=case,
            expected_version=case.version,
            outcome="bereikt",
            reason="Hulp bij het huishouden loopt, doelen gehaald.",
        )
        assert case.state == CaseState.AFGESLOTEN and case.closed_on == timezone.localdate()
        case = intake.case_transition(
            actor=user,
            case=case,
            to_state=CaseState.ONDERZOEK,
            expected_version=case.version,
            reason="Nieuwe vraag",
        )
        assert case.closed_on is None and case.transitions.count() == 2

    def test_outsider_cannot_change_case(self):
        case = CaseFactory()
        colleague = MembershipFactory(team=case.team).user  # same team, not involved
        with pytest.raises(PermissionDenied):
            intake.case_transition(
                actor=colleague, case=case, to_state=CaseState.ONDERZOEK, expected_version=1
            )


class TestRegie:
    def test_handover_keeps_history_and_needs_team_member(self):
        case = CaseFactory()
        other_team_member = MembershipFactory().user
        with pytest.raises(ValidationError):
            intake.case_handover(
                actor=case.coordinator,
                case=case,
                new_coordinator=other_team_member,
                note="Overdracht",
                expected_version=case.version,
            )
        colleague = MembershipFactory(team=case.team).user
        case = intake.case_handover(
            actor=case.coordinator,
            case=case,
            new_coordinator=colleague,
            note="Ik ga met verlof; Eva neemt over.",
            expected_version=case.version,
        )
        assert case.coordinator == colleague
        history = list(case.coordinator_history.order_by("started_at"))
        assert len(history) == 2 and history[0].ended_at is not None and history[1].ended_at is None

    def test_supporter_cannot_be_coordinator(self):
        case = CaseFactory()
        with pytest.raises(ValidationError):
            intake.case_set_client_supporter(
                actor=case.coordinator,
                case=case,
                supporter=case.coordinator,
                expected_version=case.version,
            )
        supporter = MembershipFactory(team=case.team, roles=[TeamRole.CLIENTONDERSTEUNER]).user
        case = intake.case_set_client_supporter(
            actor=case.coordinator, case=case, supporter=supporter, expected_version=case.version
        )
        with pytest.raises(ValidationError):
            intake.case_handover(
                actor=case.coordinator,
                case=case,
                new_coordinator=supporter,
                note="x",
                expected_version=case.version,
            )


class TestIntakeConsent:
    """Consent at intake (issue 15): the member who opens the case records the resident's
    consent for the team's partner organisations in the same step."""

    def _partner(self, team):
        partner = OrganisationFactory(municipality=team.municipality, name="Welzijn Partner")
        worker = MembershipFactory(team=team, organisation=partner, roles=[TeamRole.GENERALIST])
        return partner, worker.user

    def test_triage_records_consent_for_partner_organisations_in_the_same_step(self, member, team):
        from wijkteam.cases import selectors
        from wijkteam.cases.services.intake_consent import IntakeConsent
        from wijkteam.privacy.models import Consent

        partner, worker = self._partner(team)
        report = create(member, team)
        report = intake.report_triage(
            actor=member,
            report=report,
            outcome=TriageOutcome.ONDERZOEK,
            consent=IntakeConsent(categories=("basisgegevens", "onderzoek"), given_how="mondeling"),
        )
        (consent,) = Consent.objects.filter(resident=report.resident)
        assert consent.organisation == partner
        assert consent.categories == ["basisgegevens", "onderzoek"]
        assert consent.basis == "toestemming" and consent.recorded_by == member
        assert AuditEvent.objects.filter(object_type="privacy.Consent", action="create").exists()
        report.case.involved_members.add(worker)
        assert selectors.case_get(user=worker, pk=report.case_id, category="basisgegevens")

    def test_an_existing_consent_is_not_recorded_twice(self, member, team):
        from wijkteam.cases.services.intake_consent import IntakeConsent
        from wijkteam.privacy.models import Consent

        self._partner(team)
        first = create(member, team)
        intake.report_triage(
            actor=member,
            report=first,
            outcome=TriageOutcome.ONDERZOEK,
            consent=IntakeConsent(categories=("basisgegevens",), given_how="schriftelijk"),
        )
        second = create(member, team, resident=first.resident)
        intake.report_triage(
            actor=member,
            report=second,
            outcome=TriageOutcome.ONDERZOEK,
            consent=IntakeConsent(categories=("basisgegevens",), given_how="schriftelijk"),
        )
        assert Consent.objects.filter(resident=first.resident).count() == 1

    @pytest.mark.parametrize(
        ("outcome", "categories", "how", "field"),
        [
            (TriageOutcome.GEEN_ACTIE, ("basisgegevens",), "mondeling", "consent_given"),
            (TriageOutcome.ONDERZOEK, (), "mondeling", "consent_categories"),
            (TriageOutcome.ONDERZOEK, ("basisgegevens",), "portaal", "consent_how"),
        ],
    )
    def test_bad_consent_input_stores_nothing(self, member, team, outcome, categories, how, field):
        from wijkteam.cases.services.intake_consent import IntakeConsent
        from wijkteam.privacy.models import Consent

        self._partner(team)
        report = create(member, team)
        with pytest.raises(ValidationError) as exc:
            intake.report_triage(
                actor=member,
                report=report,
                outcome=outcome,
                note="Geen actie nodig.",
                consent=IntakeConsent(categories=categories, given_how=how),
            )
        assert field in exc.value.message_dict
        report.refresh_from_db()
        assert report.status == ReportStatus.OPEN and report.case_id is None
        assert not Consent.objects.exists()
