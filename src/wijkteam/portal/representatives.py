"""The portal's legal representatives as the iwmo app's 301 needs them (its Relaties).

Registered with ``wijkteam.iwmo.representatives`` from ``registrations.register()``: iwmo lies
below the portal and never imports it. Only the legal representation is given (the Soort from
code list COD472, docs/iwmo.md "Contact and Relatie"); a written machtiging is the resident's
own choice of someone to act for them in the portal, not a legal representative, and is not
sent to a provider. The representative's BSN is never handed on.
"""

import datetime

from django.db.models import Q

from wijkteam.iwmo.constants import (
    RELATION_ADMINISTRATOR,
    RELATION_CURATOR,
    RELATION_MENTOR,
    RELATION_PARENT,
)
from wijkteam.iwmo.representatives import Representative

from .constants import RepresentationBasis
from .models import Representation
from .policies import representation_active

# RepresentationBasis → COD472 Soort relatie.
BASIS_RELATION = {
    RepresentationBasis.CURATELE: RELATION_CURATOR,  # 03 Curator (juridisch)
    RepresentationBasis.MENTORSCHAP: RELATION_MENTOR,  # 15 Mentor
    RepresentationBasis.BEWIND: RELATION_ADMINISTRATOR,  # 14 Bewindvoerder
    RepresentationBasis.GEZAG: RELATION_PARENT,  # 10 Ouder (met gezag, minor child)
}


def legal_representatives(resident_id: int, on: datetime.date) -> list[Representative]:
    """The legal representatives of ``resident_id`` active on ``on`` (one query)."""
    rows = (
        Representation.objects.filter(
            represented_id=resident_id, basis__in=list(BASIS_RELATION), valid_from__lte=on
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .select_related("represented")
        .order_by("valid_from", "pk")
    )
    return [
        Representative(
            key=f"V{row.pk}",
            kind=BASIS_RELATION[RepresentationBasis(row.basis)],
            name=row.representative_name.strip(),
            phones=[row.phone] if row.phone.strip() else [],
            email=row.email.strip(),
        )
        for row in rows
        if representation_active(row, on)
    ]
