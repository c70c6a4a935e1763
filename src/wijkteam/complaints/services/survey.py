"""The anonymous cliëntervaringsonderzoek: one answer stored without any link to a person.

No resident, no account, no time of day and no audit event naming the answer are stored: the
answer keeps only its team, law and month. (An audit event with the actor and the row id would
link the answer to the person who gave it in the portal.)
"""

import datetime
import uuid
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.accounts.policies import is_professional
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import Law
from wijkteam.organisation.models import Team

from ..constants import SURVEY_QUESTION_KEYS
from ..models import SurveyResponse


def survey_answer(
    *,
    actor: User,
    team: Team,
    law: str,
    answers: Mapping[str, int | None],
    answered_on: datetime.date | None = None,
    submission_token: uuid.UUID | None = None,
) -> SurveyResponse:
    """Store one response: ``answers`` maps question keys (``q1``..``q9``) to 1–5 or ``None``.

    ``actor`` is the resident in the portal or a professional typing in a paper form of their
    own team; it is checked, never stored. At least one question must be answered.
    """
    if is_professional(actor) and not org_policies.is_team_member(actor, team):
        raise PermissionDenied(_("U kunt alleen antwoorden voor uw eigen team invoeren."))
    if not actor.is_authenticated:
        raise PermissionDenied(_("Log in om de vragenlijst in te vullen."))
    errors: dict[str, Any] = {}
    if law not in Law.values:
        errors["law"] = _("Kies de wet (Wmo of Jeugdwet).")
    unknown = sorted(set(answers) - set(SURVEY_QUESTION_KEYS))
    if unknown:
        errors["__all__"] = _("Onbekende vraag: %(keys)s.") % {"keys": ", ".join(unknown)}
    for key in SURVEY_QUESTION_KEYS:
        value = answers.get(key)
        if value is not None and (isinstance(value, bool) or value not in range(1, 6)):
            errors[key] = _("Kies een antwoord van 1 tot en met 5.")
    if all(answers.get(key) is None for key in SURVEY_QUESTION_KEYS):
        errors.setdefault("__all__", _("Beantwoord ten minste één vraag."))
    day = answered_on or timezone.localdate()
    if day > timezone.localdate():
        errors["answered_on"] = _("De datum kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)
    if submission_token is not None:
        earlier = SurveyResponse.objects.filter(submission_token=submission_token).first()
        if earlier is not None:
            return earlier
    response = SurveyResponse(
        team=team,
        law=law,
        period=day.replace(day=1),
        submission_token=submission_token,
        **{key: answers.get(key) for key in SURVEY_QUESTION_KEYS},
    )
    response.full_clean()
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        if submission_token is None:
            raise
        return SurveyResponse.objects.get(submission_token=submission_token)
    return response
