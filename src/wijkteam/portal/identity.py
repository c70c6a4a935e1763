"""Who is logged in to the portal: kept in the portal's own session, never a Django user.

A resident is not an account of this system. The portal session holds the BSN the identity
provider vouched for, the level of assurance, and the resident it matched (or none yet). A
legal representative or a parent with authority may *act for* another resident: the session
then also holds that resident (``acting_for``) and the basis, every page shows that
resident's file, and every log entry names the representative acting on their behalf.
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from wijkteam.accounts.models import User
from wijkteam.residents.validators import mask_bsn

from .constants import SESSION_KEY, Assurance

ACTOR_ROLE = "inwoner zelf, via Mijn wijkteam"


@dataclass(frozen=True)
class PortalUser:
    bsn: str
    assurance: str
    resident_id: int | None  # the person who logged in, when known
    acting_for: int | None = None  # the resident they represent, while acting for them
    acting_basis: str = ""  # RepresentationBasis of that representation

    @property
    def substantial(self) -> bool:
        return self.assurance == Assurance.SUBSTANTIEEL

    @property
    def masked_bsn(self) -> str:
        return mask_bsn(self.bsn)

    @property
    def subject_id(self) -> int | None:
        """The resident whose file the portal shows: the represented one while acting."""
        return self.acting_for or self.resident_id

    def log_actor(self) -> User:
        """The actor written to the access log and audit trail: an unsaved stand-in, so no
        account is named and ``log_access`` records the resident's own role."""
        return User(username=actor_name(self))

    def log_context(self) -> dict[str, Any]:
        """``user``, ``role`` and ``on_behalf_of`` for ``log_access``."""
        if self.acting_for is None:
            return {"user": self.log_actor(), "role": ACTOR_ROLE}
        from .constants import RepresentationBasis

        basis = RepresentationBasis(self.acting_basis).label if self.acting_basis else ""
        return {
            "user": self.log_actor(),
            "role": f"vertegenwoordiger ({basis}), via Mijn wijkteam",
            "on_behalf_of": f"inwoner {self.acting_for}",
        }


def actor_name(portal_user: PortalUser) -> str:
    if portal_user.acting_for is not None:
        who = (
            f"inwoner {portal_user.resident_id}"
            if portal_user.resident_id
            else portal_user.masked_bsn
        )
        return f"vertegenwoordiger {who} namens inwoner {portal_user.acting_for} (Mijn wijkteam)"
    ref = portal_user.resident_id if portal_user.resident_id else portal_user.masked_bsn
    return f"inwoner {ref} (Mijn wijkteam)"


def current(request: HttpRequest) -> PortalUser | None:
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    return PortalUser(
        bsn=str(data["bsn"]),
        assurance=str(data["assurance"]),
        resident_id=int(data["resident_id"]) if data.get("resident_id") else None,
        acting_for=int(data["acting_for"]) if data.get("acting_for") else None,
        acting_basis=str(data.get("acting_basis") or ""),
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


def act_for(request: HttpRequest, resident_id: int, basis: str) -> None:
    data = dict(request.session[SESSION_KEY])
    data["acting_for"] = resident_id
    data["acting_basis"] = basis
    request.session[SESSION_KEY] = data


def act_self(request: HttpRequest) -> None:
    data = dict(request.session[SESSION_KEY])
    data.pop("acting_for", None)
    data.pop("acting_basis", None)
    request.session[SESSION_KEY] = data


def sign_out(request: HttpRequest) -> None:
    request.session.flush()
