"""Account writes: creating and changing users, second-factor enrolment, log-in events."""

from axes.models import AccessAttempt
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.exceptions import ConcurrentEditError

from . import auth_cache
from .constants import SystemRole
from .models import User

USER_FIELDS = ("username", "first_name", "last_name", "email", "system_role", "is_active")


def _require_configurer(actor: User) -> None:
    if not (actor.is_authenticated and actor.system_role == SystemRole.FUNCTIONEEL_BEHEERDER):
        raise PermissionDenied(_("Alleen een functioneel beheerder beheert accounts."))


def user_create(
    *,
    actor: User | None,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    system_role: str,
    password: str,
) -> User:
    """Create an account. ``actor`` None is for the command line (first administrator)."""
    if actor is not None:
        _require_configurer(actor)
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        system_role=system_role,
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    with transaction.atomic():
        user.full_clean()
        user.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=user,
            changes={f: str(getattr(user, f)) for f in USER_FIELDS},
        )
    return user


def user_update(*, actor: User, user: User, expected_version: int) -> User:
    """Save changed account fields (not the password) with stale-version detection."""
    _require_configurer(actor)
    with transaction.atomic():
        user.full_clean(exclude=["password"])
        current = User.objects.select_for_update().get(pk=user.pk)
        if current.version != expected_version:
            raise ConcurrentEditError
        changes = {
            f: [str(getattr(current, f)), str(getattr(user, f))]
            for f in USER_FIELDS
            if getattr(current, f) != getattr(user, f)
        }
        user.version = current.version + 1
        user.save(update_fields=[*USER_FIELDS, "version"])
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=user, changes=changes)
        auth_cache.user_forget(user.pk)  # a deactivation or new role counts in every process
    return user


def totp_device_for_enrolment(*, user: User) -> TOTPDevice:
    """The user's unconfirmed TOTP device, created when missing (one per user)."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(
                user=user, name=_("Authenticator-app"), confirmed=False
            )
    return device


def totp_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm an enrolment with a first valid code; records the event."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied
    if not device.verify_token(token):
        with transaction.atomic():
            audit_record(actor=user, action=AuditAction.OTP_FAILED, obj=user)
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        replaced = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk)
        auth_cache.device_forget([d.persistent_id for d in replaced])
        replaced.delete()
        audit_record(actor=user, action=AuditAction.OTP_ENROLLED, obj=user)
    return True


def login_event_record(*, user: User | None, action: AuditAction, username: str = "") -> None:
    """Authentication events (OWASP ASVS 16.3). Only the user name, never the password."""
    with transaction.atomic():
        audit_record(
            actor=user, action=action, object_repr=username or (user.username if user else "")
        )


def lockout_lift(*, actor: User, username: str = "", ip_address: str = "") -> int:
    """Lift a lock-out or delay: forget the failed attempts of a user name, a client, or the
    pair. Returns the number of attempt rows removed; recorded in the audit trail."""
    _require_configurer(actor)
    if not (username or ip_address):
        raise ValidationError(_("Kies een gebruikersnaam, een adres of beide."))
    filters: dict[str, str] = {}
    if username:
        filters["username"] = username
    if ip_address:
        filters["ip_address"] = ip_address
    with transaction.atomic():
        removed, _rows = AccessAttempt.objects.filter(**filters).delete()
        audit_record(
            actor=actor,
            action=AuditAction.DELETE,
            object_repr=_("Blokkade opgeheven: %(wie)s")
            % {"wie": " / ".join(v for v in (username, ip_address) if v)},
            changes={"blokkade": filters, "pogingen": removed},
        )
    return removed


def lockout_record(*, username: str, kind: str) -> None:
    """A lock-out or delay happened: an audit row (the user name there, never in the log)."""
    with transaction.atomic():
        audit_record(
            actor=None,
            action=AuditAction.DENIED,
            object_repr=username[:150],
            changes={"blokkade": kind},
        )
