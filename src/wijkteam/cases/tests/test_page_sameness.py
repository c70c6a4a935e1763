"""The hot pages render the same HTML with the URL cache as with Django's ``reverse``.

Issue 17: ``{% url %}`` is replaced by a builtin that reverses through ``core/url_cache.py``,
and the menu, the case page's tabs and its links ask ``cached_reverse``. Here the start page,
the work queue, the team's page, the caseload and every tab of the case page are rendered on
the same factory data once as before (Django's own ``{% url %}`` and ``reverse``) and once as
now, and compared as a whole (only the per-request CSRF token masked).
"""

import datetime
import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases import links, sections
from wijkteam.cases.models import Evaluation, TrackedTerm
from wijkteam.core import navigation
from wijkteam.core.url_cache import cached_reverse
from wijkteam.organisation.constants import TeamRole
from wijkteam.testing.factories import CaseFactory, MembershipFactory, NetworkMemberFactory

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')


def _plain_reverse(name, args=(), current_app=None):
    return reverse(name, args=list(args), current_app=current_app)


def _django_templates() -> list[dict[str, object]]:
    """The project's template settings without the builtin ``{% url %}``."""
    engine = dict(settings.TEMPLATES[0])
    options = dict(engine["OPTIONS"])
    options.pop("builtins")
    return [{**engine, "OPTIONS": options}]


@pytest.fixture
def pages():
    today = timezone.localdate()
    first = CaseFactory(uitvoering=True)
    team = first.team
    leader = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER]).user
    cases = [first] + [
        CaseFactory(team=team, coordinator=first.coordinator, uitvoering=n % 2 == 0)
        for n in range(4)
    ]
    for n, case in enumerate(cases):
        TrackedTerm.objects.create(
            case=case,
            key="wmo_onderzoek",
            starts_on=today - datetime.timedelta(days=20),
            due_on=today + datetime.timedelta(days=n - 2),
        )
        Evaluation.objects.create(case=case, planned_on=today + datetime.timedelta(days=n))
        NetworkMemberFactory(household=case.household, overloaded=True)
    member_paths = ["/", reverse("cases:queue")] + [
        f"{reverse('cases:detail', args=[first.pk])}?onderdeel={tab.slug}" for tab in sections.TABS
    ]
    leader_paths = [reverse("cases:list"), reverse("cases:team_queue"), "/"]
    return [(first.coordinator, member_paths), (leader, leader_paths)]


def _render_all(pages, client_for) -> dict[str, str]:
    out = {}
    for user, paths in pages:
        client = client_for(user)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            out[f"{user.pk} {path}"] = CSRF.sub(r"\1…", response.content.decode())
    return out


def test_the_hot_pages_are_the_same_as_with_djangos_reverse(pages, client_for, monkeypatch):
    now = _render_all(pages, client_for)
    with monkeypatch.context() as patch, override_settings(TEMPLATES=_django_templates()):
        for module in (navigation, sections, links):
            assert module.cached_reverse is cached_reverse
            patch.setattr(module, "cached_reverse", _plain_reverse)
        before = _render_all(pages, client_for)
    again = _render_all(pages, client_for)
    assert len(now) == len(sections.TABS) + 5
    changing = [key for key, html in now.items() if html != again[key]]
    # Only a page that shows its own reads may change from one request to the next.
    assert len(changing) <= 1, changing
    for key, html in now.items():
        assert 'href="/' in html
        if key not in changing:
            assert before[key] == html, key
