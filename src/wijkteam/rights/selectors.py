"""Reads of the privacy app (the access overview: :mod:`.selectors_access`): scoped to what the user may see, every read of resident data logged.

Visibility of a resident's privacy pages (consents, access overview, inzage) follows
``cases.policies.resident_scope``: the team that knows the resident. Out of scope is a 404 and
a REFUSED entry in the access log (``privacy.reads.refuse``), never revealing existence.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases import policies as case_policies
from wijkteam.cases.models import Case
from wijkteam.organisation import policies as org_policies
from wijkteam.privacy.constants import InzageStatus
from wijkteam.privacy.models import Consent, ConsentRefusal, EmergencyAccess
from wijkteam.privacy.reads import log_read, refuse
from wijkteam.residents.models import Resident
from wijkteam.rights.models import (
    CorrectionRequest,
    DestructionRecord,
    InzageRequest,
    RetentionRule,
)
from wijkteam.rights.policies import leader_team_ids, may_manage_retention, may_view_register

# The resident's access overview lives in its own module; its names stay importable from here.
from wijkteam.rights.selectors_access import (  # noqa: F401
    PAGE_SIZE,
    AccessRow,
    _access_rows_qs,
    _period_filter,
    _row,
    access_overview,
    access_overview_export,
    access_overview_salt,
    access_row,
    access_rows_qs,
    iter_access_rows,
)


def _refuse_resident(user: User, pk: int) -> Http404:
    return refuse(
        user=user,
        object_type="inwoner",
        object_id=pk,
        residents=[pk] if Resident.objects.filter(pk=pk).exists() else [],
    )


def resident_for_privacy(*, user: User, pk: int, purpose: str, log: bool = True) -> Resident:
    """A resident in the user's scope (404 and a REFUSED entry otherwise); logs the read."""
    resident = (
        case_policies.resident_scope(user)
        .select_related("household", "municipality")
        .filter(pk=pk)
        .first()
    )
    if resident is None:
        raise _refuse_resident(user, pk)
    if log:
        log_read(user=user, residents=[resident.pk], obj=resident, purpose=purpose)
    return resident


# --------------------------------------------------------------------------------------------
# Consent
# --------------------------------------------------------------------------------------------


def consent_list(*, resident: Resident) -> list[Consent]:
    """Consents and legal-ground sharings of a resident already read through the selector above."""
    return list(
        Consent.objects.filter(resident=resident)
        .select_related("organisation", "recorded_by", "withdrawn_by")
        .order_by("-valid_from", "-id")
    )


def consent_refusals(*, resident: Resident) -> list[ConsentRefusal]:
    """Refusals of consent of a resident already read through ``resident_for_privacy``."""
    return list(
        ConsentRefusal.objects.filter(resident=resident)
        .select_related("organisation")
        .order_by("-refused_on", "-id")
    )


def consent_refusals_for_user(*, user: User, page: int = 1, resident_id: int | None = None) -> Page:
    """Refusals of consent of the residents in the user's scope (the team that knows them),
    newest first, a page of ``PAGE_SIZE``; the residents on the page are logged as read."""
    refusals = ConsentRefusal.objects.filter(
        resident_id__in=case_policies.resident_scope(user).values("pk")
    )
    if resident_id is not None:
        refusals = refusals.filter(resident_id=resident_id)
    paged = Paginator(
        refusals.select_related("organisation").order_by("-refused_on", "-id"), PAGE_SIZE
    ).get_page(page)
    residents = sorted({r.resident_id for r in paged.object_list})
    if residents:
        log_read(user=user, residents=residents, purpose=_("weigeringen van toestemming bekeken"))
    return paged


def consent_get(*, user: User, pk: int) -> Consent:
    consent = Consent.objects.select_related("resident", "organisation").filter(pk=pk).first()
    if (
        consent is None
        or not case_policies.resident_scope(user).filter(pk=consent.resident_id).exists()
    ):
        raise refuse(
            user=user,
            object_type="toestemming",
            object_id=pk,
            residents=[consent.resident_id] if consent is not None else [],
        )
    log_read(
        user=user, residents=[consent.resident_id], obj=consent, purpose=_("toestemming geopend")
    )
    return consent


# --------------------------------------------------------------------------------------------
# Emergency access: the teamleider's review queue
# --------------------------------------------------------------------------------------------


@dataclass
class ReviewQueue:
    pending: list[EmergencyAccess]
    reviewed: list[EmergencyAccess]


def emergency_review_queue(*, user: User) -> ReviewQueue:
    """Doorbraken on cases of the teams the user leads: waiting for a verdict, and recent ones."""
    teams = leader_team_ids(user)
    qs = EmergencyAccess.objects.filter(case__team_id__in=teams).select_related(
        "user", "case__household", "case__team", "reviewed_by"
    )
    pending = list(qs.filter(verdict="").order_by("opened_at", "id")[:200])
    reviewed = list(qs.exclude(verdict="").order_by("-reviewed_at", "-id")[:50])
    households = {g.case.household_id for g in pending + reviewed}
    if households:
        log_read(
            user=user,
            residents=Resident.objects.filter(household_id__in=households).values_list(
                "pk", flat=True
            ),
            purpose=_("doorbraken beoordelen"),
        )
    return ReviewQueue(pending=pending, reviewed=reviewed)


def emergency_for_review(*, user: User, pk: int) -> EmergencyAccess:
    grant = (
        EmergencyAccess.objects.select_related("user", "case__household", "case__team")
        .filter(pk=pk, case__team_id__in=leader_team_ids(user))
        .first()
    )
    if grant is None:
        raise refuse(user=user, object_type="doorbraak", object_id=pk)
    log_read(
        user=user,
        residents=Resident.objects.filter(household_id=grant.case.household_id).values_list(
            "pk", flat=True
        ),
        obj=grant,
        purpose=_("doorbraak beoordelen"),
    )
    return grant


def my_emergency_accesses(*, user: User) -> list[EmergencyAccess]:
    """The user's own doorbraken (no resident data beyond the household name)."""
    return list(
        EmergencyAccess.objects.filter(user=user)
        .select_related("case__household", "reviewed_by")
        .order_by("-opened_at")[:20]
    )


def case_for_emergency_form(*, user: User, case_number: int | None, bsn: str) -> Case | None:
    """The case a doorbraak is asked for, by number or by the BSN of a household member.

    Not scoped (that is the point of a doorbraak); nothing is shown until the service granted
    access. By BSN the household's open case is chosen, otherwise its most recent one.
    """
    if not org_policies.is_professional(user):
        return None
    municipalities = org_policies.active_memberships(user).values("team__municipality_id")
    cases = Case.objects.filter(team__municipality_id__in=municipalities).select_related("team")
    if case_number is not None:
        return cases.filter(pk=case_number).first()
    if bsn:
        from wijkteam.residents.validators import normalise_bsn

        household = (
            Resident.objects.filter(bsn=normalise_bsn(bsn), municipality_id__in=municipalities)
            .values_list("household_id", flat=True)
            .first()
        )
        if household is None:
            return None
        return (
            cases.filter(household_id=household)
            .order_by(F("closed_on").asc(nulls_first=True), "-opened_on")
            .first()
        )
    return None


# --------------------------------------------------------------------------------------------
# Inzage and correction
# --------------------------------------------------------------------------------------------


def inzage_requests(*, resident: Resident) -> list[InzageRequest]:
    return list(
        InzageRequest.objects.filter(resident=resident)
        .select_related("registered_by")
        .order_by("-received_on", "-id")
    )


def correction_requests(*, resident: Resident) -> list[CorrectionRequest]:
    return list(
        CorrectionRequest.objects.filter(resident=resident)
        .select_related("registered_by", "decided_by")
        .order_by("-received_on", "-id")
    )


def inzage_get(*, user: User, pk: int, purpose: str = "", log: bool = True) -> InzageRequest:
    request = (
        InzageRequest.objects.filter(
            pk=pk, resident__in=case_policies.resident_scope(user).values("pk")
        )
        .select_related("resident__household", "registered_by")
        .first()
    )
    if request is None:
        resident_id = InzageRequest.objects.filter(pk=pk).values_list("resident_id", flat=True)
        raise refuse(
            user=user, object_type="inzageverzoek", object_id=pk, residents=list(resident_id)
        )
    if not log:
        return request
    log_read(
        user=user,
        residents=[request.resident_id],
        obj=request,
        purpose=purpose or _("inzageverzoek geopend"),
    )
    return request


def correction_get(*, user: User, pk: int) -> CorrectionRequest:
    correction = (
        CorrectionRequest.objects.filter(
            pk=pk, resident__in=case_policies.resident_scope(user).values("pk")
        )
        .select_related("resident")
        .first()
    )
    if correction is None:
        resident_id = CorrectionRequest.objects.filter(pk=pk).values_list("resident_id", flat=True)
        raise refuse(
            user=user, object_type="correctieverzoek", object_id=pk, residents=list(resident_id)
        )
    log_read(
        user=user,
        residents=[correction.resident_id],
        obj=correction,
        purpose=_("correctieverzoek geopend"),
    )
    return correction


def open_inzage_requests(*, user: User) -> list[InzageRequest]:
    """Open inzage requests of residents the user may see, by deadline (the term tracking)."""
    requests = list(
        InzageRequest.objects.filter(
            status=InzageStatus.ONTVANGEN,
            resident__in=case_policies.resident_scope(user).values("pk"),
        )
        .select_related("resident")
        .order_by("due_on", "id")[:200]
    )
    if requests:
        log_read(
            user=user,
            residents=[r.resident_id for r in requests],
            purpose=_("openstaande inzageverzoeken bekeken"),
        )
    return requests


def open_correction_requests(*, user: User) -> list[CorrectionRequest]:
    corrections = list(
        CorrectionRequest.objects.filter(
            outcome="", resident__in=case_policies.resident_scope(user).values("pk")
        )
        .select_related("resident")
        .order_by("due_on", "id")[:200]
    )
    if corrections:
        log_read(
            user=user,
            residents=[c.resident_id for c in corrections],
            purpose=_("openstaande correctieverzoeken bekeken"),
        )
    return corrections


# --------------------------------------------------------------------------------------------
# Configuration (no resident data)
# --------------------------------------------------------------------------------------------


def retention_rules(*, user: User) -> list[RetentionRule]:
    if not (may_manage_retention(user) or may_view_register(user)):
        raise Http404
    return list(RetentionRule.objects.order_by("kind"))


def destruction_records(*, user: User, page: int = 1) -> Page:
    if not (may_manage_retention(user) or may_view_register(user)):
        raise Http404
    return Paginator(
        DestructionRecord.objects.order_by("-destroyed_at", "-id"), PAGE_SIZE
    ).get_page(page)
