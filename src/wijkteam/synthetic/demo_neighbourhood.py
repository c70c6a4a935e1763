"""The neighbourhood's demo data (issue 13): outreach signals of the Centrum team."""

from wijkteam.accounts.models import User
from wijkteam.outreach.demo import add_demo_signals


def add_neighbourhood_demo() -> int:
    """Signals registered by the demo generalist Anna; returns how many were added."""
    anna = User.objects.filter(username="anna").first()
    return add_demo_signals(user=anna) if anna is not None else 0
