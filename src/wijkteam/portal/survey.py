"""The cliëntervaringsonderzoek in the portal: who is invited, and answering it anonymously.

A resident is invited once per case of their household that was closed or holds a final
decision (Wmo or Jeugdwet). The answer goes through ``complaints.services.survey_answer``,
which stores team, law and month only. The portal records that the resident took part
(``SurveyParticipation``: a random key, no time) so the invitation goes away; it writes no
access-log or audit entry for the answer, since its time would let the two be matched.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from wijkteam.cases.constants import CaseState, DecisionStatus
from wijkteam.cases.models import Case, Decision
from wijkteam.complaints.services import survey_answer
from wijkteam.organisation.constants import Law
from wijkteam.residents.models import Resident

from . import policies
from .identity import PortalUser
from .models import SurveyParticipation
from .selectors import _log, _refuse
from .services.common import portal_system_user


@dataclass(frozen=True)
class Invitation:
    case: Case
    law: str


def _law(case: Case, decision_law: str | None) -> str | None:
    if decision_law in Law.values:
        return decision_law
    return case.law_track if case.law_track in Law.values else None


def open_invitations(resident: Resident) -> list[Invitation]:
    """The cases I may still give my opinion about (no log: only ids and dates are shown)."""
    if not policies.sees_household_case(resident):
        return []
    final = Decision.objects.filter(case=OuterRef("pk"), status=DecisionStatus.BESLOTEN)
    answered = SurveyParticipation.objects.filter(case=OuterRef("pk"), resident=resident)
    cases = (
        Case.objects.filter(household_id=resident.household_id)
        .annotate(has_decision=Exists(final), answered=Exists(answered))
        .filter(Q(state=CaseState.AFGESLOTEN) | Q(has_decision=True), answered=False)
        .select_related("team")
        .order_by("-opened_on", "-pk")
    )
    laws = dict(
        Decision.objects.filter(
            case__in=[c.pk for c in cases], status=DecisionStatus.BESLOTEN
        ).values_list("case_id", "law")
    )
    invitations = []
    for case in cases:
        law = _law(case, laws.get(case.pk))
        if law is not None:
            invitations.append(Invitation(case=case, law=law))
    return invitations


def invitation_get(*, portal_user: PortalUser, resident: Resident, case_pk: int) -> Invitation:
    """My open invitation for one case; any other case is a logged refusal."""
    for invitation in open_invitations(resident):
        if invitation.case.pk == case_pk:
            _log(portal_user, resident, _("vragenlijst over de hulp geopend via Mijn wijkteam"))
            return invitation
    if Case.objects.filter(pk=case_pk, household_id=resident.household_id).exists():
        raise PermissionDenied(_("U heeft de vragenlijst over deze hulpvraag al ingevuld."))
    raise _refuse(portal_user, "vragenlijst bij hulpvraag", case_pk)


def portal_survey_answer(
    *, resident: Resident, invitation: Invitation, answers: dict[str, int | None]
) -> None:
    """Store the anonymous answer and that I took part, in one transaction; once per case."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                SurveyParticipation.objects.create(case=invitation.case, resident=resident)
        except IntegrityError:
            raise ValidationError(
                _("U heeft de vragenlijst over deze hulpvraag al ingevuld.")
            ) from None
        survey_answer(
            actor=portal_system_user(),
            team=invitation.case.team,
            law=invitation.law,
            answers=answers,
        )
