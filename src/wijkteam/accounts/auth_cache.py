"""The logged-in user and their second-factor device from the shared cache.

Before any view runs, Django loads the user of the session and django-otp the device that
verified them: two queries on every request. With ``AUTH_FROM_CACHE`` (on when every process
shares the cache, ``WIJKTEAM_CACHE=redis``) both come from the cache for at most
``AUTH_CACHE_SECONDS``; without it nothing here is cached.

Revocation stays server-side: the services that change an account or its devices forget the
cached copies after their commit (:func:`user_forget`, :func:`device_forget`), so a deactivated
account, a changed password (the session hash) or a removed device take effect on the next
request in every process; the time-out bounds what a change made outside those services (the
Django admin, the database) can take. The checks themselves are unchanged: an inactive user is
refused, the session hash is compared, a device must be confirmed and belong to the user.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction
from django_otp.middleware import OTPMiddleware

from .models import User

USER_KEY = "auth:user:{}"
DEVICE_KEY = "auth:device:{}"


def enabled() -> bool:
    return bool(getattr(settings, "AUTH_FROM_CACHE", False))


def _timeout() -> int:
    return int(getattr(settings, "AUTH_CACHE_SECONDS", 300))


def user_forget(user_id: int) -> None:
    """Drop the cached user after the current transaction commits (at once outside one)."""
    if enabled():
        transaction.on_commit(lambda: cache.delete(USER_KEY.format(user_id)))


def device_forget(persistent_ids: list[str]) -> None:
    if enabled() and persistent_ids:
        keys = [DEVICE_KEY.format(p) for p in persistent_ids]
        transaction.on_commit(lambda: cache.delete_many(keys))


class CachedModelBackend(ModelBackend):
    """``ModelBackend`` whose ``get_user`` (every request) reads the cache first."""

    def get_user(self, user_id: Any) -> Any:
        if not enabled():
            return super().get_user(user_id)
        key = USER_KEY.format(user_id)
        user = cache.get(key)
        if user is None:
            user = User._default_manager.filter(pk=user_id).first()
            if user is None:
                return None
            cache.set(key, user, _timeout())
        return user if self.user_can_authenticate(user) else None


class CachedOTPMiddleware(OTPMiddleware):
    """django-otp's middleware with the verified device read from the cache.

    Only the lookup by persistent id is cached; django-otp still checks on every request that
    the device is confirmed and belongs to the session's user.
    """

    def _device_from_persistent_id(self, persistent_id: str) -> Any:
        if not enabled():
            return super()._device_from_persistent_id(persistent_id)
        key = DEVICE_KEY.format(self._normalize_persistent_id(persistent_id))
        device = cache.get(key)
        if device is None:
            device = super()._device_from_persistent_id(persistent_id)
            if device is None or not device.confirmed:
                return device
            cache.set(key, device, _timeout())
        return device
