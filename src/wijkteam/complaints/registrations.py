"""Complaints and objections in inzage and retention (``wijkteam.privacy.registry``), the
menu entry "Klachten en bezwaren", the case page's "Bezwaar registreren" link and the work
queue's source of open klachten and bezwaren.

A complaint or objection on a case is destroyed with the case, before its terms and decisions
(their foreign keys protect those); a complaint without a case goes with its complainant.
Survey answers hold no person and are in neither.
"""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import User
from wijkteam.accounts.policies import is_professional
from wijkteam.cases import links
from wijkteam.cases.models import Case
from wijkteam.cases.selectors_queue import register_source
from wijkteam.core import navigation
from wijkteam.privacy import registry
from wijkteam.privacy.registry import ExportScope

from . import queue, selectors
from .models import Complaint, Objection


def _handles_any(user: Any) -> bool:
    # The account kind first: a non-professional's page asks no memberships query for the menu.
    return (
        isinstance(user, User) and is_professional(user) and bool(selectors.handler_team_ids(user))
    )


def _may_register_objection(user: User, case: Case, _categories: frozenset[str] | None) -> bool:
    return selectors.may_register_objection(user, case)


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
    navigation.register(
        navigation.NavEntry(
            order=23,
            label=_("Klachten en bezwaren"),
            url_name="complaints:list",
            visible=_handles_any,
        )
    )
    links.register(
        links.CaseLink(
            slug="bezwaar",
            label=_("Bezwaar registreren"),
            url_name="complaints:objection_new",
            order=30,
            visible=_may_register_objection,
        )
    )
    register_source(queue.complaints_source)
