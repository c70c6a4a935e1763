"""Consent at intake: whoever opens a case records, in the same step, the resident's consent
for the organisations of the team, so that no member is refused on the case just opened.

The organisations that need it are the employers of the team's active members other than the
team's responsible organisation (which works on the case by its own task, see
``cases/policies_consent.py``). For each one that has no consent (or legal ground) in force covering the chosen
categories, one consent is stored, in the triage's transaction (``privacy.consent``).
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.organisation.models import Membership, Organisation, Team
from wijkteam.privacy.consent import consent_store, organisations_without_consent
from wijkteam.privacy.constants import ALL_CATEGORIES, ConsentMethod
from wijkteam.privacy.models import Consent

# How consent can be given at the intake (the portal has its own way).
INTAKE_METHODS = (ConsentMethod.MONDELING, ConsentMethod.SCHRIFTELIJK)


@dataclass(frozen=True)
class IntakeConsent:
    categories: tuple[str, ...]
    given_how: str


def intake_consent_errors(consent: IntakeConsent) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not consent.categories:
        errors["consent_categories"] = _("Kies voor welke soorten gegevens de toestemming geldt.")
    elif not set(consent.categories) <= ALL_CATEGORIES:
        errors["consent_categories"] = _("Kies soorten gegevens uit de lijst.")
    if consent.given_how not in INTAKE_METHODS:
        errors["consent_how"] = _("Kies hoe de inwoner toestemming gaf: mondeling of schriftelijk.")
    return errors


def team_organisations(team: Team, day: datetime.date) -> list[Organisation]:
    employer_ids = (
        Membership.objects.filter(team=team, active_from__lte=day)
        .exclude(active_until__lt=day)
        .values("organisation_id")
    )
    return list(
        Organisation.objects.filter(pk__in=employer_ids)
        .exclude(pk=team.responsible_organisation_id)
        .order_by("name")
    )


def intake_consent_record(
    *, actor: User, team: Team, resident_id: int, consent: IntakeConsent
) -> list[Consent]:
    """Store the consents (call inside the triage's transaction)."""
    errors = intake_consent_errors(consent)
    if errors:
        raise ValidationError(errors)
    day = timezone.localdate()
    missing = organisations_without_consent(
        resident_id=resident_id,
        organisations=team_organisations(team, day),
        categories=consent.categories,
        day=day,
    )
    purpose = _("Ondersteuning door %(team)s") % {"team": team.name}
    return [
        consent_store(
            actor=actor,
            resident_id=resident_id,
            organisation=organisation,
            purpose=purpose,
            categories=list(consent.categories),
            given_how=consent.given_how,
            valid_from=day,
        )
        for organisation in missing
    ]
