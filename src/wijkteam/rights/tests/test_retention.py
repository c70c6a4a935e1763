"""Retention: dossiers past their term destroyed in one transaction; the access log trimmed."""

import datetime
import io
import json
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from wijkteam.cases.models import Case, Decision, Report
from wijkteam.privacy.access_log import ChainProblem, log_access, verify_chain
from wijkteam.privacy.constants import AccessAction, DossierKind
from wijkteam.privacy.models import AccessLogAnchor, AccessLogEntry, AccessLogResident, Consent
from wijkteam.residents.models import Household, Resident
from wijkteam.rights import retention, retention_log
from wijkteam.rights.models import DestructionRecord, RetentionRule
from wijkteam.testing.factories import CaseFactory, ReportFactory, ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


def closed_case(closed_on: datetime.date, **kwargs) -> Case:
    return CaseFactory(afgesloten=True, closed_on=closed_on, **kwargs)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_default_rules_are_loaded_by_the_data_migration():
    rules = {r.kind: r for r in RetentionRule.objects.all()}
    assert rules[DossierKind.JEUGDWET].years == 20
    assert rules[DossierKind.JEUGDWET].to_confirm
    assert "7.3.8" in rules[DossierKind.JEUGDWET].source
    assert rules[DossierKind.WMO].years == 15
    assert "selectielijst" in rules[DossierKind.WMO].source
    assert rules[DossierKind.MELDING].years == 2
    assert rules[DossierKind.TOEGANGSLOG].years == 5


def test_which_cases_are_past_their_term():
    wmo_old = closed_case(datetime.date(2005, 1, 1))
    jeugd_old = closed_case(datetime.date(2005, 1, 1), jeugd=True)
    jeugd_recent = closed_case(datetime.date(2010, 1, 1), jeugd=True)
    wmo_recent = closed_case(datetime.date(2015, 1, 1))
    CaseFactory()  # open
    found = {d.case_id: d for d in retention.find_due_dossiers(today=datetime.date(2026, 11, 22))}
    assert set(found) == {wmo_old.pk, jeugd_old.pk}
    assert found[wmo_old.pk].kind == DossierKind.WMO
    assert found[wmo_old.pk].due_on == datetime.date(2020, 1, 1)
    assert found[jeugd_old.pk].kind == DossierKind.JEUGDWET
    assert found[jeugd_old.pk].household_id == jeugd_old.household_id
    assert jeugd_recent.pk not in found and wmo_recent.pk not in found


def test_a_changed_rule_changes_the_outcome():
    case = closed_case(datetime.date(2015, 1, 1))
    assert not retention.find_due_dossiers()
    RetentionRule.objects.filter(kind=DossierKind.WMO).update(years=10)
    assert [d.case_id for d in retention.find_due_dossiers()] == [case.pk]


def test_dry_run_destroys_nothing_and_the_real_run_destroys_the_dossier():
    case = closed_case(datetime.date(2005, 1, 1), residents=2)
    household_id = case.household_id
    names = [r.full_name for r in case.household.members.all()]
    Consent.objects.create(
        resident=case.household.members.first(),
        organisation=case.team.responsible_organisation,
        purpose="p",
        categories=["plan"],
        given_how="mondeling",
        valid_from=datetime.date(2004, 1, 1),
        recorded_by=case.coordinator,
    )
    keep = CaseFactory()
    before_log = AccessLogEntry.objects.count()

    dry = run("--dry-run")
    assert "PROEFDRAAI" in dry
    assert f"casus {case.pk}" in dry
    assert "zou vernietigd worden" in dry
    assert "residents.Resident 2" in dry
    assert Case.objects.filter(pk=case.pk).exists()
    assert Household.objects.filter(pk=household_id).exists()
    assert not DestructionRecord.objects.exists()
    assert AccessLogEntry.objects.count() == before_log

    real = run()
    assert "vernietigd – " in real
    assert "Klaar: 1 dossier(s) vernietigd, 0 mislukt." in real
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Household.objects.filter(pk=household_id).exists()
    assert not Consent.objects.exists()
    assert Case.objects.filter(pk=keep.pk).exists()
    record = DestructionRecord.objects.get()
    assert record.kind == DossierKind.WMO
    assert record.rule_years == 15
    assert record.counts["cases.Case"] == 1
    assert record.counts["residents.Resident"] == 2
    assert record.counts["privacy.Consent"] == 1
    stored = json.dumps({"counts": record.counts, "source": record.rule_source}, ensure_ascii=False)
    assert not any(name in stored for name in names)
    deletion = AccessLogEntry.objects.get(action=AccessAction.DELETE)
    assert len(deletion.resident_ids) == 2
    assert deletion.user is None and deletion.user_name == "systeem-bewaartermijnen"


def test_the_household_is_kept_while_it_has_a_newer_case():
    old = closed_case(datetime.date(2005, 1, 1))
    newer = CaseFactory(household=old.household, team=old.team)
    run()
    assert not Case.objects.filter(pk=old.pk).exists()
    assert Case.objects.filter(pk=newer.pk).exists()
    assert Resident.objects.filter(household=old.household).count() == 2
    assert "residents.Household" not in DestructionRecord.objects.get().counts


def test_two_old_cases_of_one_household_go_and_the_last_takes_the_household():
    first = closed_case(datetime.date(2003, 1, 1))
    second = closed_case(datetime.date(2006, 1, 1), household=first.household, team=first.team)
    dossiers = retention.find_due_dossiers()
    assert [(d.case_id, d.household_id) for d in dossiers] == [
        (first.pk, None),
        (second.pk, first.household_id),
    ]
    run()
    assert not Household.objects.filter(pk=first.household_id).exists()
    assert DestructionRecord.objects.count() == 2


def test_a_dossier_reopened_after_it_was_found_is_skipped():
    case = closed_case(datetime.date(2005, 1, 1))
    [dossier] = retention.find_due_dossiers()
    Case.objects.filter(pk=case.pk).update(state="onderzoek", closed_on=None)
    with pytest.raises(retention.DossierChangedError):
        retention.destroy_dossier(dossier)
    assert Case.objects.filter(pk=case.pk).exists()
    assert not DestructionRecord.objects.exists()


def test_a_household_still_referenced_elsewhere_is_kept_with_its_residents():
    case = closed_case(datetime.date(2005, 1, 1))
    resident = case.household.members.first()
    elsewhere = CaseFactory(team=case.team)
    Decision.objects.create(
        case=elsewhere,
        resident=resident,
        law="wmo",
        product_category="02",
        volume=1,
        unit="04",
        frequency="2",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 2, 1),
        requested_on=datetime.date(2026, 1, 1),
        created_by=elsewhere.coordinator,
    )
    out = run()
    assert "huishouden bewaard" in out
    assert not Case.objects.filter(pk=case.pk).exists()
    assert Resident.objects.filter(pk=resident.pk).exists()


def test_meldingen_without_case():
    old_report = ReportFactory(received_at=timezone.now() - datetime.timedelta(days=3 * 365))
    household = old_report.resident.household
    Household.objects.filter(pk=household.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3 * 365)
    )
    Resident.objects.filter(household=household).update(
        created_at=timezone.now() - datetime.timedelta(days=3 * 365)
    )
    recent = ReportFactory()
    case = CaseFactory()
    stray = ReportFactory(
        team=case.team,
        resident=case.household.members.first(),
        received_at=timezone.now() - datetime.timedelta(days=4 * 365),
    )
    dossiers = retention.find_due_dossiers()
    assert {(d.kind, d.household_id, tuple(d.report_ids)) for d in dossiers} == {
        (DossierKind.MELDING, household.pk, ()),
        (DossierKind.MELDING, None, (stray.pk,)),
    }
    run()
    assert not Household.objects.filter(pk=household.pk).exists()
    assert not Report.objects.filter(pk__in=[old_report.pk, stray.pk]).exists()
    assert Report.objects.filter(pk=recent.pk).exists()
    assert Case.objects.filter(pk=case.pk).exists()
    assert set(DestructionRecord.objects.values_list("kind", flat=True)) == {DossierKind.MELDING}


def test_a_recently_registered_resident_without_melding_is_kept():
    ResidentFactory()
    assert retention.find_due_dossiers() == []


# ---- the access log's own retention ------------------------------------------------------------


def _log_at(moment: datetime.datetime, n: int, user) -> list[AccessLogEntry]:
    with mock.patch("wijkteam.privacy.access_log.timezone.now", return_value=moment):
        return [
            log_access(user=user, action=AccessAction.READ, residents=[i + 1, i + 2])
            for i in range(n)
        ]


def _chain_problem() -> ChainProblem | None:
    return next((i for i in verify_chain(batch_size=3) if isinstance(i, ChainProblem)), None)


def test_access_log_retention_keeps_the_chain_verifiable():
    user = UserFactory()
    old = _log_at(timezone.now() - datetime.timedelta(days=6 * 365), 5, user)
    recent = _log_at(timezone.now() - datetime.timedelta(days=30), 3, user)

    dry = run("--dry-run")
    assert "Toegangslog: 5 regel(s)" in dry
    assert AccessLogEntry.objects.count() == 8

    out = run("--batch-size", "2")
    assert "toegangslog: 2 van 5 regels verwijderd" in out
    assert f"ankerpunt bij regel {recent[0].pk}" in out
    assert list(AccessLogEntry.objects.values_list("pk", flat=True)) == [e.pk for e in recent]
    assert not AccessLogResident.objects.filter(entry_id__in=[e.pk for e in old]).exists()
    assert _chain_problem() is None
    anchor = AccessLogAnchor.objects.order_by("-id").first()
    assert (anchor.entry_id, anchor.prev_hash) == (recent[0].pk, old[-1].hash)
    record = DestructionRecord.objects.get(kind=DossierKind.TOEGANGSLOG)
    assert record.counts == {"privacy.AccessLogEntry": 5, "privacy.AccessLogResident": 10}

    # Removing more of the start without a retention anchor is still detected.
    if connection.vendor == "postgresql":  # a superuser deleting past the trigger
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    AccessLogEntry.objects.filter(pk=recent[0].pk).delete()
    assert _chain_problem() == ChainProblem(recent[1].pk, "deleted_before")


def test_access_log_retention_of_everything_anchors_the_next_entry():
    user = UserFactory()
    _log_at(timezone.now() - datetime.timedelta(days=6 * 365), 2, user)
    retention_log.purge_access_log()
    assert not AccessLogEntry.objects.exists()
    anchor = AccessLogAnchor.objects.get()
    assert anchor.entry_id is None
    log_access(user=user, action=AccessAction.READ, residents=[1])
    assert _chain_problem() is None


def test_without_retention_anchor_a_trimmed_log_fails_verification():
    user = UserFactory()
    entries = _log_at(timezone.now() - datetime.timedelta(days=6 * 365), 3, user)
    if connection.vendor == "postgresql":  # a superuser deleting past the trigger
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    AccessLogEntry.objects.filter(pk=entries[0].pk).delete()
    assert _chain_problem() == ChainProblem(entries[1].pk, "deleted_before")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Alleen op PostgreSQL bewaakt een trigger de toegangslog; op SQLite is er niets te "
    "omzeilen.",
)
def test_postgres_retention_goes_through_the_trigger_setting():
    user = UserFactory()
    _log_at(timezone.now() - datetime.timedelta(days=6 * 365), 3, user)
    keep = _log_at(timezone.now(), 1, user)
    result = retention_log.purge_access_log()
    assert result is not None and result.entries == 3
    assert list(AccessLogEntry.objects.values_list("pk", flat=True)) == [keep[0].pk]
    assert _chain_problem() is None
