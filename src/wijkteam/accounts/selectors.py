"""Reads of accounts by their system role (for notifying, never shown as a list)."""

from django.db.models import QuerySet

from .constants import SystemRole
from .models import User


def active_beheerders() -> QuerySet[User]:
    """The active functioneel beheerders: who hears of failed jobs and retention runs."""
    return User.objects.filter(system_role=SystemRole.FUNCTIONEEL_BEHEERDER, is_active=True)
