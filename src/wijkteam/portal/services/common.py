from django.db import transaction

from wijkteam.accounts.constants import SystemRole
from wijkteam.accounts.models import User

PORTAL_ACCOUNT = "systeem-mijn-wijkteam"


def portal_system_user() -> User:
    """The account that records what residents do in the portal where a column needs an
    account (``Report.created_by``, ``Consent.recorded_by``, ``Complaint.filed_by``). Inactive,
    without a password and of the kind "systeem" (not a professional, so the complaints services
    accept it for the portal channel): nobody can log in with it."""
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=PORTAL_ACCOUNT,
            defaults={
                "is_active": False,
                "first_name": "Mijn",
                "last_name": "wijkteam",
                "system_role": SystemRole.SYSTEEM,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        elif user.system_role != SystemRole.SYSTEEM:  # made before the kind existed
            user.system_role = SystemRole.SYSTEEM
            user.save(update_fields=["system_role"])
    return user
