from django.db import transaction

from wijkteam.accounts.models import User

PORTAL_ACCOUNT = "systeem-mijn-wijkteam"


def portal_system_user() -> User:
    """The account that records what residents do in the portal where a column needs an
    account (``Report.created_by``, ``Consent.recorded_by``). Inactive and without a
    password: nobody can log in with it."""
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=PORTAL_ACCOUNT,
            defaults={"is_active": False, "first_name": "Mijn", "last_name": "wijkteam"},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    return user
