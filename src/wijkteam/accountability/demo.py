"""Demo figures: anonymous survey answers per team over the last months, then the snapshot,
so the beleidsmedewerker sees indicators right after ``load_demo``, and one overview of the
last full quarter published, so the Wmo-raad reads it."""

import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkteam.accounts.constants import SystemRole
from wijkteam.accounts.models import User
from wijkteam.complaints.constants import SURVEY_QUESTION_KEYS
from wijkteam.complaints.services import survey_answer
from wijkteam.organisation.models import Membership, Team

from .models import PublishedOverview
from .services import overview_publish, overview_save
from .snapshot import snapshot_build


def add_demo_figures(*, answers_per_team: int = 24, seed: int = 12) -> int:
    """Survey answers through the service (entered by a team member), then build the snapshot.

    Returns the number of snapshot rows.
    """
    rng = random.Random(seed)  # noqa: S311 (demo data, not security)
    today = timezone.localdate()
    for team in Team.objects.order_by("pk"):
        member = Membership.objects.filter(team=team).select_related("user").order_by("pk").first()
        if member is None:
            continue
        for n in range(answers_per_team):
            survey_answer(
                actor=member.user,
                team=team,
                law="wmo" if n % 3 else "jeugdwet",
                answers={
                    key: rng.choice([2, 3, 4, 4, 5, None]) or 4 for key in SURVEY_QUESTION_KEYS
                },
                answered_on=today - datetime.timedelta(days=rng.randint(0, 180)),
            )
    rows = snapshot_build(trigger="demo").rows
    publish_demo_overview()
    return rows


def publish_demo_overview() -> PublishedOverview | None:
    """The last full quarter, composed and published by the demo's beleidsmedewerker."""
    author = User.objects.filter(system_role=SystemRole.BELEIDSMEDEWERKER).order_by("pk").first()
    if author is None:
        return None
    today = timezone.localdate()
    this_quarter = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    last_quarter = (this_quarter - datetime.timedelta(days=1)).replace(day=1)
    overview = overview_save(
        actor=author,
        title=f"Wijkteams in het {(last_quarter.month - 1) // 3 + 1}e kwartaal {last_quarter:%Y}",
        period_kind="kwartaal",
        period_month=f"{last_quarter:%Y-%m}",
        threshold=10,
        explanation=(
            "Dit overzicht laat zien hoe inwoners de wijkteams bereiken, hoe snel het team "
            "werkt en wat inwoners ervan vinden. Kleine aantallen zijn afgeschermd."
        ),
    )
    try:
        return overview_publish(actor=author, overview=overview)
    except ValidationError:
        return None  # no figures in that quarter: the draft stays for the beleidsmedewerker
