"""Helpers shared by the intervention services."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User

from ... import policies
from ...models import Case


def _household_ids(case: Case) -> list[int]:
    return list(case.household.members.values_list("pk", flat=True))


def _require_worker(actor: User, case: Case) -> None:
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _("Alleen de regisseur, een betrokken teamlid of de teamleider wijzigt de casus.")
        )
