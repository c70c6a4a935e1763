"""Measurements with an assessment instrument (ZRM 2017, Positieve Gezondheid, ...).

Instruments, domains and scale labels are data (``Instrument``/``InstrumentDomain``/
``ScaleLabel``). Data minimisation (REFERENCE §3): only the domains that matter for the support
are scored, each with the reason why; a domain that is not scored stores nothing at all.

Errors are keyed per domain as ``score_<domain code>`` and ``reason_<domain code>``, so the
screen shows them next to the domain's fields and the API returns them under the same keys.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.models import Resident

from .. import policies
from ..constants import AssessmentMoment
from ..models import Assessment, AssessmentScore, Case, Instrument

REASON_MAX = 250

Scores = dict[str, tuple[int, str]]


def score_key(code: str) -> str:
    return f"score_{code}"


def reason_key(code: str) -> str:
    return f"reason_{code}"


def assessment_record(
    *,
    actor: User,
    case: Case,
    resident: Resident,
    instrument_code: str,
    moment: str,
    measured_on: datetime.date,
    scores: Scores,
) -> Assessment:
    """Store one measurement of one resident: only the scored domains, each with its reason.

    ``scores`` maps a domain code to ``(score, reason)``; leave a domain out to not score it.
    """
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _("Alleen de regisseur, een betrokken teamlid of de teamleider legt metingen vast.")
        )
    errors: dict[str, Any] = {}
    instrument = Instrument.objects.filter(code=instrument_code).first()
    if instrument is None:
        errors["instrument_code"] = _("Onbekend instrument: %(code)s.") % {"code": instrument_code}
    if moment not in AssessmentMoment.values:
        errors["moment"] = _("Kies het moment van de meting: intake, tussentijds of afsluiting.")
    if measured_on > timezone.localdate():
        errors["measured_on"] = _("Een meting kan niet in de toekomst liggen.")
    if resident.household_id != case.household_id:
        errors["resident"] = _("Kies een inwoner uit het huishouden van deze casus.")
    if not scores:
        errors["scores"] = _(
            "Scoor minstens één domein dat ertoe doet voor de ondersteuning. Domeinen die er niet "
            "toe doen, laat u leeg."
        )
    domains = {}
    if instrument is not None:
        domains = {d.code: d for d in instrument.domains.all()}
        unknown = sorted(code for code in scores if code not in domains)
        if unknown:
            errors["scores"] = _("Onbekend domein voor %(instrument)s: %(codes)s.") % {
                "instrument": instrument.name,
                "codes": ", ".join(unknown),
            }
        for code, value in scores.items():
            if code not in domains:
                continue
            score, reason = value
            name = domains[code].name
            if isinstance(score, bool) or not isinstance(score, int):
                errors[score_key(code)] = _(
                    "De score voor %(domain)s moet een geheel getal zijn."
                ) % {"domain": name}
            elif not instrument.scale_min <= score <= instrument.scale_max:
                errors[score_key(code)] = _(
                    "De score voor %(domain)s moet tussen %(min)s en %(max)s liggen."
                ) % {"domain": name, "min": instrument.scale_min, "max": instrument.scale_max}
            if not isinstance(reason, str) or not reason.strip():
                errors[reason_key(code)] = _(
                    "Geef aan waarom %(domain)s ertoe doet voor de ondersteuning "
                    "(dataminimalisatie)."
                ) % {"domain": name}
            elif len(reason.strip()) > REASON_MAX:
                errors[reason_key(code)] = _(
                    "Gebruik voor de reden bij %(domain)s hoogstens %(n)s tekens."
                ) % {"domain": name, "n": REASON_MAX}
    if errors:
        raise ValidationError(errors)
    assert instrument is not None
    with transaction.atomic():
        current = Case.objects.only("state", "closed_on").get(pk=case.pk)
        if not current.is_open:
            raise ValidationError(_("Deze casus is afgesloten; er kunnen geen metingen bij."))
        assessment = Assessment(
            case=case,
            resident=resident,
            instrument=instrument,
            moment=moment,
            measured_on=measured_on,
            measured_by=actor,
        )
        assessment.full_clean()
        assessment.save()
        rows = [
            AssessmentScore(
                assessment=assessment, domain=domains[code], score=score, reason=reason.strip()
            )
            for code, (score, reason) in sorted(scores.items(), key=lambda i: domains[i[0]].order)
        ]
        for row in rows:  # the rules were checked above; this guards the field limits
            row.clean_fields(exclude=["assessment", "domain"])
        AssessmentScore.objects.bulk_create(rows)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=assessment,
            object_repr=_("meting %(instrument)s") % {"instrument": instrument.name},
            changes={"domains": [row.domain.code for row in rows], "moment": moment},
        )
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=assessment,
            purpose=_("meting %(instrument)s vastgelegd") % {"instrument": instrument.name},
        )
    return assessment
