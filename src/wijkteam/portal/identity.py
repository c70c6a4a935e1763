"""Who is logged in to the portal: kept in the portal's own session, never a Django user.

A resident is not an account of this system. The portal session holds the BSN the identity
provider vouched for, the level of assurance, and the resident it matched (or none yet).
"""

from dataclasses import dataclass

from django.http import HttpRequest

from wijkteam.accounts.models import User
from wijkteam.residents.validators import mask_bsn

from .constants import SESSION_KEY, Assurance


@dataclass(frozen=True)
class PortalUser:
    bsn: str
    assurance: str
    resident_id: int | None

    @property
    def substantial(self) -> bool:
        return self.assurance == Assurance.SUBSTANTIEEL

    @property
    def masked_bsn(self) -> str:
        return mask_bsn(self.bsn)

    def log_actor(self) -> User:
        """The actor written to the access log and audit trail: an unsaved stand-in, so no
        account is named and ``log_access`` records the resident's own role."""
        return User(username=actor_name(self))


def actor_name(portal_user: PortalUser) -> str:
    ref = portal_user.resident_id if portal_user.resident_id else portal_user.masked_bsn
    return f"inwoner {ref} (Mijn wijkteam)"


ACTOR_ROLE = "inwoner zelf, via Mijn wijkteam"


def current(request: HttpRequest) -> PortalUser | None:
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    return PortalUser(
        bsn=str(data["bsn"]),
        assurance=str(data["assurance"]),
        resident_id=int(data["resident_id"]) if data.get("resident_id") else None,
    )


def sign_in(request: HttpRequest, portal_user: PortalUser) -> None:
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "bsn": portal_user.bsn,
        "assurance": portal_user.assurance,
        "resident_id": portal_user.resident_id,
    }


def set_resident(request: HttpRequest, resident_id: int) -> None:
    data = dict(request.session[SESSION_KEY])
    data["resident_id"] = resident_id
    request.session[SESSION_KEY] = data


def sign_out(request: HttpRequest) -> None:
    request.session.flush()
