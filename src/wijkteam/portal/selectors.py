"""Every read the portal makes of a resident's data: scoped to the logged-in resident and
written to the NEN 7513 access log with the resident as the actor."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.cases.models import Case, Plan
from wijkteam.cases.selectors_plan import plan_for_case
from wijkteam.cases.services.terms import TermView, term_view
from wijkteam.core.keyset import Cursor, KeysetPage, keyset_page
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction, SharingBasis
from wijkteam.privacy.models import Consent, ConsentRefusal
from wijkteam.residents.models import Resident
from wijkteam.rights.selectors import AccessRow, access_row, access_rows_qs, iter_access_rows

from . import policies
from .constants import MessageDirection
from .identity import PortalUser
from .models import Message, PlanAgreement, Representation

ACCESS_ROWS_SHOWN = 200


def _log(portal_user: PortalUser, resident: Resident, purpose: str, obj: object = None) -> None:
    log_access(
        **portal_user.log_context(),
        action=AccessAction.READ,
        residents=[resident.pk],
        obj=obj if obj is not None else resident,  # type: ignore[arg-type]
        purpose=purpose,
    )


def me(portal_user: PortalUser) -> Resident | None:
    """The resident who is logged in (no log: callers log what they show)."""
    if portal_user.subject_id is None:
        return None
    return (
        Resident.objects.select_related("household", "neighbourhood")
        .filter(pk=portal_user.subject_id)
        .first()
    )


def _refuse(portal_user: PortalUser, what: str, pk: object) -> Http404:
    """Someone else's record: log the refusal (no resident named: it is not the actor's) and
    answer 404, never revealing that it exists."""
    log_access(
        **portal_user.log_context(),
        action=AccessAction.REFUSED,
        residents=[],
        purpose=_("geweigerd via Mijn wijkteam: %(what)s %(pk)s is niet van deze inwoner")
        % {"what": what, "pk": pk},
    )
    return Http404()


@dataclass
class CaseSummary:
    case: Case
    terms: list[TermView] = field(default_factory=list)
    unread: int = 0  # the team's messages not opened yet


def my_cases(*, portal_user: PortalUser, resident: Resident) -> list[CaseSummary]:
    if not policies.sees_household_case(resident):
        return []
    cases = list(
        Case.objects.filter(household_id=resident.household_id)
        .select_related("coordinator", "team")
        .prefetch_related("terms")
        .order_by("-opened_on", "-pk")
    )
    _log(portal_user, resident, _("eigen hulpvragen bekeken via Mijn wijkteam"))
    unread = unread_counts(resident=resident, case_ids=[c.pk for c in cases]) if cases else {}
    return [
        CaseSummary(
            case=c,
            terms=[
                term_view(t) for t in c.terms.all() if t.met_on is None and t.decision_id is None
            ],
            unread=unread.get(c.pk, 0),
        )
        for c in cases
    ]


def my_case(*, portal_user: PortalUser, resident: Resident, pk: int) -> Case:
    case = (
        Case.objects.select_related("coordinator", "team", "household")
        .prefetch_related("terms")
        .filter(pk=pk)
        .first()
    )
    if (
        case is None
        or case.household_id != resident.household_id
        or not policies.sees_household_case(resident)
    ):
        raise _refuse(portal_user, "hulpvraag", pk)
    return case


@dataclass
class PlanPage:
    case: Case
    plan: Plan | None
    answer: PlanAgreement | None
    terms: list[TermView]


def my_plan(*, portal_user: PortalUser, resident: Resident, case_pk: int) -> PlanPage:
    case = my_case(portal_user=portal_user, resident=resident, pk=case_pk)
    plan = plan_for_case(case)
    answer = (
        PlanAgreement.objects.filter(
            plan=plan, resident=resident, plan_version=plan.version
        ).first()
        if plan is not None
        else None
    )
    _log(portal_user, resident, _("eigen plan bekeken via Mijn wijkteam"), case)
    terms = [term_view(t) for t in case.terms.all() if t.met_on is None]
    return PlanPage(case=case, plan=plan, answer=answer, terms=terms)


def my_consents(*, portal_user: PortalUser, resident: Resident) -> list[Consent]:
    consents = list(
        Consent.objects.filter(resident=resident)
        .select_related("organisation")
        .order_by("organisation__name", "-valid_from", "-pk")
    )
    _log(portal_user, resident, _("eigen toestemmingen bekeken via Mijn wijkteam"))
    return consents


def my_refusals(*, portal_user: PortalUser, resident: Resident) -> list[ConsentRefusal]:
    """The refusals of consent the resident made, newest first (only the resident's own)."""
    refusals = list(
        ConsentRefusal.objects.filter(resident=resident)
        .select_related("organisation")
        .order_by("-refused_on", "organisation__name", "-pk")
    )
    if refusals:
        _log(
            portal_user, resident, _("eigen weigeringen van toestemming bekeken via Mijn wijkteam")
        )
    return refusals


def consent_is_own_choice(consent: Consent) -> bool:
    return consent.basis == SharingBasis.TOESTEMMING


def my_access_page(
    *, portal_user: PortalUser, resident: Resident, position: tuple[str, Cursor] | None = None
) -> KeysetPage:
    """Who looked at my file, newest first: one page of ``ACCESS_ROWS_SHOWN`` rows found by
    keyset on ``(at, id)`` (no OFFSET, no COUNT), in a fixed number of queries; logged."""
    page = keyset_page(
        access_rows_qs(resident.pk),
        size=ACCESS_ROWS_SHOWN,
        salt=my_access_salt(resident.pk),
        position=position,
        newest_first=True,
    )
    page.object_list = [access_row(item) for item in page.object_list]
    log_access(
        **portal_user.log_context(),
        action=AccessAction.READ,
        residents=[resident.pk],
        obj=resident,
        purpose=_("wie keek in mijn dossier: %s via Mijn wijkteam") % _("bekeken"),
    )
    return page


def my_access_salt(resident_id: int) -> str:
    return f"portal.access.{resident_id}"


def my_access_overview(
    *, portal_user: PortalUser, resident: Resident, export: bool = False
) -> list[AccessRow]:
    """Who looked at my file, newest first (the most recent rows; the PDF has them all)."""
    rows = list(iter_access_rows(resident.pk))
    rows.reverse()
    log_access(
        **portal_user.log_context(),
        action=AccessAction.EXPORT if export else AccessAction.READ,
        residents=[resident.pk],
        obj=resident,
        purpose=_("wie keek in mijn dossier: %s via Mijn wijkteam")
        % (_("pdf gedownload") if export else _("bekeken")),
    )
    return rows if export else rows[:ACCESS_ROWS_SHOWN]


@dataclass
class Thread:
    case: Case
    messages: list[Message]


def my_messages(*, portal_user: PortalUser, resident: Resident, case_pk: int) -> Thread:
    """The thread of one of my cases, oldest first; another household's case is refused."""
    case = my_case(portal_user=portal_user, resident=resident, pk=case_pk)
    messages = list(
        Message.objects.filter(case=case)
        .select_related("resident", "author", "attachment")
        .order_by("sent_at", "pk")
    )
    _log(portal_user, resident, _("berichten met het wijkteam gelezen via Mijn wijkteam"), case)
    return Thread(case=case, messages=messages)


def unread_counts(*, resident: Resident, case_ids: list[int]) -> dict[int, int]:
    """Per case, the team's messages the household has not opened yet (no content: no log)."""
    rows = (
        Message.objects.filter(
            case_id__in=case_ids, direction=MessageDirection.TEAM, read_at__isnull=True
        )
        .values("case_id")
        .annotate(n=Count("pk"))
    )
    return {row["case_id"]: row["n"] for row in rows}


def active_representation(portal_user: PortalUser, represented_id: int) -> Representation | None:
    """The representation that lets this log-in act for the resident today, if any."""
    today = timezone.localdate()
    for representation in Representation.objects.filter(
        representative_bsn=portal_user.bsn, represented_id=represented_id
    ).select_related("represented"):
        if policies.representation_active(representation, today):
            return representation
    return None


def my_representations(*, portal_user: PortalUser) -> list[Representation]:
    """Whom I may act for today (by the BSN I logged in with), logged for each of them."""
    today = timezone.localdate()
    items = [
        r
        for r in Representation.objects.filter(representative_bsn=portal_user.bsn)
        .select_related("represented")
        .order_by("represented__last_name", "pk")
        if policies.representation_active(r, today)
    ]
    if items:
        log_access(
            **portal_user.log_context(),
            action=AccessAction.READ,
            residents=[r.represented_id for r in items],
            purpose=_("wie ik vertegenwoordig bekeken via Mijn wijkteam"),
        )
    return items
