from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import SystemRole


class User(AbstractUser):
    """A person who logs in. Team roles are not here: they belong to a team membership."""

    system_role = models.CharField(
        _("soort account"),
        max_length=20,
        choices=SystemRole.choices,
        default=SystemRole.PROFESSIONAL,
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(system_role__in=SystemRole.values),
                name="user_system_role_valid",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
