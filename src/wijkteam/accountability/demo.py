"""Demo figures: anonymous survey answers per team over the last months, then the snapshot,
so the beleidsmedewerker sees indicators right after ``load_demo``."""

import datetime
import random

from django.utils import timezone

from wijkteam.complaints.constants import SURVEY_QUESTION_KEYS
from wijkteam.complaints.services import survey_answer
from wijkteam.organisation.models import Membership, Team

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
    return snapshot_build(trigger="demo").rows
