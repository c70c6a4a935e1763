"""Request helpers that know no domain (the acting user's type is in accounts.http)."""


def is_verified(user: object) -> bool:
    """Logged in with a verified second factor (set by django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(getattr(user, "is_authenticated", False) and check is not None and check())
