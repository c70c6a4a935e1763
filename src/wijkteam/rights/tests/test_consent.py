"""Consent and sharing on a legal ground; what a member of another organisation sees."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkteam.cases import policies_consent as policies
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy import policies as category_rules
from wijkteam.privacy.constants import AccessAction, DataCategory, LegalGround, SharingBasis
from wijkteam.privacy.models import AccessLogEntry, Consent
from wijkteam.rights import services
from wijkteam.rights.tests.conftest import member
from wijkteam.testing.factories import MunicipalityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def record(world, **overrides):
    kwargs = {
        "actor": world.coordinator,
        "resident": world.resident,
        "organisation": world.provider,
        "purpose": "Afstemmen van de begeleiding",
        "categories": [DataCategory.BASISGEGEVENS, DataCategory.PLAN],
        "given_how": "mondeling",
        "valid_from": TODAY(),
        "valid_until": None,
    }
    kwargs.update(overrides)
    return services.consent_record(**kwargs)


def ground(world, **overrides):
    kwargs = {
        "actor": world.coordinator,
        "resident": world.resident,
        "organisation": world.provider,
        "purpose": "Veiligheid van de kinderen",
        "categories": [DataCategory.GEZONDHEID],
        "legal_ground": LegalGround.MELDCODE,
        "justification": "Signalen van huiselijk geweld; stap 5 van de meldcode.",
        "valid_from": TODAY(),
    }
    kwargs.update(overrides)
    return services.legal_ground_record(**kwargs)


# ---- recording -----------------------------------------------------------------------------


def test_record_consent_stores_it_with_audit_and_access_log(world):
    consent = record(world)
    assert consent.basis == SharingBasis.TOESTEMMING
    assert consent.categories == ["basisgegevens", "plan"]
    entry = AccessLogEntry.objects.get(action=AccessAction.CREATE, object_id=str(consent.pk))
    assert entry.resident_ids == [world.resident.pk]
    from wijkteam.audit.models import AuditEvent

    assert AuditEvent.objects.filter(object_type="privacy.Consent", object_id=str(consent.pk))


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"valid_from": datetime.date(2030, 5, 1), "valid_until": datetime.date(2030, 4, 1)},
            "valid_until",
            "De einddatum ligt vóór de begindatum.",
        ),
        ({"organisation": None}, "organisation", "Onbekende organisatie"),
        ({"categories": []}, "categories", "Kies ten minste één soort gegevens."),
        ({"categories": ["plan", "dagboek"]}, "categories", "Onbekende soort gegevens: dagboek."),
        ({"given_how": "telepathie"}, "given_how", "Kies hoe de toestemming is gegeven."),
        ({"purpose": "  "}, "purpose", "Beschrijf het doel"),
        (
            {"valid_from": datetime.date(2000, 1, 1), "valid_until": datetime.date(2001, 1, 1)},
            "valid_until",
            "verleden",
        ),
    ],
)
def test_bad_consent_is_refused_in_dutch_and_nothing_is_stored(world, overrides, field, message):
    before = AccessLogEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        record(world, **overrides)
    assert message in " ".join(exc.value.message_dict[field])
    assert not Consent.objects.exists()
    assert AccessLogEntry.objects.count() == before


def test_consent_for_an_organisation_of_another_municipality_is_refused(world):
    elsewhere = OrganisationFactory(municipality=MunicipalityFactory(cbs_code="GM0999"))
    with pytest.raises(ValidationError) as exc:
        record(world, organisation=elsewhere)
    assert "hoort niet bij de gemeente" in exc.value.message_dict["organisation"][0]
    assert not Consent.objects.exists()


def test_consent_for_a_resident_out_of_scope_is_refused_and_logged(world):
    with pytest.raises(PermissionDenied):
        record(world, actor=world.outsider)
    assert not Consent.objects.exists()
    refused = AccessLogEntry.objects.get(action=AccessAction.REFUSED)
    assert refused.resident_ids == [world.resident.pk]


def test_withdraw_takes_effect_and_a_second_withdrawal_is_refused(world):
    consent = record(world)
    withdrawn = services.consent_withdraw(actor=world.coordinator, consent=consent, note="belde")
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.withdrawal_note == "belde"
    with pytest.raises(ValidationError) as exc:
        services.consent_withdraw(actor=world.coordinator, consent=consent)
    assert "al ingetrokken op" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=world.coordinator, consent=withdrawn)
    consent.refresh_from_db()
    assert consent.withdrawal_note == "belde"


def test_legal_ground_sharing_needs_a_ground_and_a_justification(world):
    with pytest.raises(ValidationError) as exc:
        ground(world, legal_ground="omdat het kan", justification=" ")
    errors = exc.value.message_dict
    assert "wettelijke grondslag uit de lijst" in errors["legal_ground"][0]
    assert "Onderbouw" in errors["justification"][0]
    assert not Consent.objects.exists()
    sharing = ground(world)
    assert sharing.basis == SharingBasis.WETTELIJKE_GRONDSLAG
    assert sharing.given_how == ""


def test_legal_ground_sharing_is_for_case_workers_only(world):
    supporter = member(world.case.team, roles=[TeamRole.CLIENTONDERSTEUNER])
    world.case.client_supporter = supporter
    world.case.save()
    with pytest.raises(PermissionDenied):
        ground(world, actor=supporter)
    assert not Consent.objects.exists()


def test_ending_a_legal_ground_sharing_twice_says_so(world):
    sharing = ground(world)
    services.consent_withdraw(actor=world.coordinator, consent=sharing)
    with pytest.raises(ValidationError) as exc:
        services.consent_withdraw(actor=world.coordinator, consent=sharing)
    assert "al beëindigd" in exc.value.messages[0]


# ---- visible_categories ----------------------------------------------------------------------


def test_member_of_the_responsible_organisation_and_teamleider_see_everything(world):
    assert policies.visible_categories(world.own, world.case) is None
    assert policies.visible_categories(world.leader, world.case) is None


def test_member_of_another_organisation_sees_only_consented_categories(world):
    assert policies.visible_categories(world.coordinator, world.case) == frozenset()
    record(world)
    assert policies.visible_categories(world.coordinator, world.case) == {"basisgegevens", "plan"}


def test_consent_for_another_organisation_does_not_count(world, other_org):
    record(world, organisation=other_org)
    assert policies.visible_categories(world.coordinator, world.case) == frozenset()


def test_withdrawal_takes_effect_at_once(world):
    consent = record(world)
    assert "plan" in policies.visible_categories(world.coordinator, world.case)
    services.consent_withdraw(actor=world.own, consent=consent)
    assert policies.visible_categories(world.coordinator, world.case) == frozenset()


def test_only_consents_valid_today_count(world):
    today = TODAY()
    Consent.objects.create(
        resident=world.resident,
        organisation=world.provider,
        purpose="later",
        categories=["onderzoek"],
        given_how="schriftelijk",
        valid_from=today + datetime.timedelta(days=3),
        recorded_by=world.own,
    )
    Consent.objects.create(
        resident=world.resident,
        organisation=world.provider,
        purpose="verlopen",
        categories=["besluiten"],
        given_how="schriftelijk",
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today - datetime.timedelta(days=1),
        recorded_by=world.own,
    )
    Consent.objects.create(
        resident=world.resident,
        organisation=world.provider,
        purpose="vandaag laatste dag",
        categories=["netwerk"],
        given_how="schriftelijk",
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today,
        recorded_by=world.own,
    )
    assert policies.visible_categories(world.coordinator, world.case) == {"netwerk"}


def test_union_over_household_and_per_resident(world):
    record(world, categories=["plan"])
    record(world, resident=world.residents[1], categories=["financien"])
    assert policies.visible_categories(world.coordinator, world.case) == {"plan", "financien"}
    assert policies.visible_categories(
        world.coordinator, world.case, resident_id=world.residents[1].pk
    ) == {"financien"}


def test_legal_ground_sharing_adds_categories(world):
    record(world, categories=["plan"])
    ground(world, categories=["gezondheid"])
    assert policies.visible_categories(world.coordinator, world.case) == {"plan", "gezondheid"}


def test_a_user_outside_the_team_sees_nothing(world):
    assert policies.visible_categories(world.outsider, world.case) == frozenset()


def test_visible_categories_uses_a_fixed_number_of_queries(world):
    with CaptureQueriesContext(connection) as few:
        policies.visible_categories(world.coordinator, world.case)
    for category in ("plan", "netwerk", "besluiten"):
        record(world, categories=[category])
    with CaptureQueriesContext(connection) as many:
        result = policies.visible_categories(world.coordinator, world.case)
    assert result == {"plan", "netwerk", "besluiten"}
    assert len(many) == len(few) <= 3


def test_sections_and_domains_follow_the_categories():
    visible = frozenset({"plan", "assessment"})
    assert category_rules.section_visible("plan", visible)
    assert not category_rules.section_visible("decisions", visible)
    assert not category_rules.section_visible("iets_nieuws", visible)  # deny by default
    assert category_rules.section_visible("iets_nieuws", None)
    assert category_rules.domain_visible("huisvesting", visible)
    assert not category_rules.domain_visible("financien", visible)
    assert not category_rules.domain_visible("geestelijke_gezondheid", visible)
    assert category_rules.category_flags(visible)["plan"] is True
    assert category_rules.category_flags(visible)["gezondheid"] is False
    assert all(category_rules.category_flags(None).values())


def test_require_category_refuses_in_dutch(world):
    with pytest.raises(PermissionDenied) as exc:
        policies.require_category(world.coordinator, world.case, DataCategory.BESLUITEN)
    assert "geen toestemming" in str(exc.value)
    record(world, categories=["besluiten"])
    policies.require_category(world.coordinator, world.case, DataCategory.BESLUITEN)
    policies.require_category(world.own, world.case, DataCategory.GEZONDHEID)
