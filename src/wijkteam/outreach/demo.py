"""Demo signals for Gemeente Voorbeeld, registered through the service."""

import datetime

from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.organisation.models import Team

from . import services
from .constants import CloseReason, SignalSource
from .models import SignalKind

DEMO = [
    (
        "huurachterstand",
        SignalSource.WONINGCORPORATIE,
        "Woonstichting Voorbeeld",
        "Kerkstraat 12",
        "",
    ),
    (
        "vervuiling",
        SignalSource.BUREN,
        "",
        "",
        "Tuin en portiek vol afval, bewoner laat niemand binnen",
    ),
    ("zorg_kind", SignalSource.SCHOOL, "Basisschool De Linde", "", "Kind komt vaak zonder ontbijt"),
    ("afsluiting", SignalSource.ENERGIELEVERANCIER, "Energiebedrijf", "Molenweg 3", ""),
]


def add_demo_signals(*, user: User) -> int:
    """Four open signals and one closed, for the first team of ``user``."""
    team = Team.objects.filter(memberships__user=user).order_by("pk").first()
    if team is None:
        return 0
    today = timezone.localdate()
    hood = team.neighbourhoods.order_by("pk").first()
    made = []
    for index, (code, source, name, address, description) in enumerate(DEMO):
        made.append(
            services.signal_create(
                actor=user,
                team=team,
                kind=SignalKind.objects.get(code=code),
                source=source,
                source_name=name,
                received_on=today - datetime.timedelta(days=2 * index),
                address=address,
                description=description,
                neighbourhood=hood,
            )
        )
    services.signal_close(actor=user, signal=made[-1], reason=CloseReason.AL_GEHOLPEN)
    return len(made)
