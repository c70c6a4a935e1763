"""Shared query-parameter handling of the casework list endpoints."""

from django.db.models import Model, QuerySet
from rest_framework.request import Request

from wijkteam.core.api import id_param


def filter_by_case_param[M: Model](request: Request, qs: QuerySet[M]) -> QuerySet[M]:
    """Apply ``?case=<id>`` when given; a non-number is a structured 400."""
    case = id_param(request, "case")
    return qs if case is None else qs.filter(case_id=case)
