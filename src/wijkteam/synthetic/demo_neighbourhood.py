"""The neighbourhood's demo data (issue 13): outreach signals of the Centrum team, the social
map and citizen initiatives."""

from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.outreach.demo import add_demo_signals
from wijkteam.socialmap.demo import add_demo_socialmap


def add_neighbourhood_demo() -> int:
    """Signals registered by the demo generalist Anna; returns how many were added."""
    add_demo_socialmap(today=timezone.localdate())
    anna = User.objects.filter(username="anna").first()
    return add_demo_signals(user=anna) if anna is not None else 0
