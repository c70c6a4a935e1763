"""Demo signals for Gemeente Voorbeeld, registered through the service."""

import datetime

from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.organisation.models import Team

from . import services
from .constants import CloseReason, SignalSource
from .models import Signal, SignalKind

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
    """Three open signals, one closed today and one closed eight months ago, for the first team
    of ``user``."""
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
    made.append(add_old_signal(user=user, team=team, today=today))
    return len(made)


def add_old_signal(*, user: User, team: Team, today: datetime.date) -> Signal:
    """A signal handled eight months ago, past the six-month term of signals without a melding:
    the first nightly retention run (``load_demo`` runs it) asks the beheerder to confirm its
    destruction. Registered and closed through the services, then dated back as the demo's
    casework is."""
    received = today - datetime.timedelta(days=250)
    signal = services.signal_create(
        actor=user,
        team=team,
        kind=SignalKind.objects.get(code="huurachterstand"),
        source=SignalSource.WONINGCORPORATIE,
        source_name="Woonstichting Voorbeeld",
        received_on=received,
        address="Stationsweg 40",
        description="",
        neighbourhood=team.neighbourhoods.order_by("pk").first(),
    )
    services.signal_close(actor=user, signal=signal, reason=CloseReason.AL_GEHOLPEN)
    Signal.objects.filter(pk=signal.pk).update(closed_on=received + datetime.timedelta(days=12))
    return signal
