"""Complaints and objections in inzage and retention (``wijkteam.privacy.registry``).

A complaint or objection on a case is destroyed with the case, before its terms and decisions
(their foreign keys protect those); a complaint without a case goes with its complainant.
Survey answers hold no person and are in neither.
"""

from django.db.models import Q

from wijkteam.privacy import registry
from wijkteam.privacy.registry import ExportScope

from .models import Complaint, Objection


def _complaint_rows(scope: ExportScope) -> Q:
    return Q(resident=scope.resident) | Q(case_id__in=scope.case_ids, resident__isnull=True)


def _objection_rows(scope: ExportScope) -> Q:
    return Q(resident=scope.resident)


def register() -> None:
    registry.register_inzage("complaints.Complaint", _complaint_rows, order=400)
    registry.register_inzage("complaints.Objection", _objection_rows, order=401)
    registry.register_case_rows(
        "complaints.Complaint", lambda case_id: Complaint.objects.filter(case_id=case_id), order=4
    )
    registry.register_case_rows(
        "complaints.Objection", lambda case_id: Objection.objects.filter(case_id=case_id), order=5
    )
    registry.register_resident_rows(
        "complaints.Complaint",
        lambda resident_ids, _household: Complaint.objects.filter(
            resident_id__in=resident_ids, case__isnull=True
        ),
        order=40,
    )
