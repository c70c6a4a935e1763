"""The API's default permission (kept apart from views to avoid an import cycle in DRF)."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.request import Request

if TYPE_CHECKING:
    from rest_framework.views import APIView


class IsVerifiedProfessional(permissions.BasePermission):
    """Logged in with a verified second factor; object rules live in the selectors."""

    message = _("Log in met uw tweede factor om de API te gebruiken.")

    def has_permission(self, request: Request, view: "APIView") -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_verified())
