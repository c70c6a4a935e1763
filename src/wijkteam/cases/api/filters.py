"""Shared query-parameter handling of the casework list endpoints."""

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request


def filter_by_case_param[M: Model](request: Request, qs: QuerySet[M]) -> QuerySet[M]:
    """Apply ``?case=<id>`` when given; a non-number is a structured 400."""
    case = request.query_params.get("case", "")
    if not case:
        return qs
    if not case.isdigit():
        raise ValidationError({"case": _("Geef het nummer van een casus.")})
    return qs.filter(case_id=int(case))
