"""The authorization matrix of the portal: resident x household member x representative (a
curator, and a parent with authority acting for a minor child) x other resident, over EVERY
portal URL, taken from the portal's URLconf (a new portal URL that is not in the matrix fails
the test). And both ways across the wall: a resident's session reaches no staff page or staff
API endpoint (every other URL of the site, again taken from the URLconf), a staff session no
portal page."""

import datetime
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.storage import Storage
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from wijkteam.documents.storage import document_storage
from wijkteam.portal import urls as portal_urls
from wijkteam.portal.constants import RepresentationBasis
from wijkteam.portal.models import MessageAttachment
from wijkteam.privacy.constants import InzageStatus, RequestChannel, RequestedBy
from wijkteam.residents.constants import HouseholdRelation
from wijkteam.rights.models import InzageRequest
from wijkteam.testing.factories import ResidentFactory, UserFactory

from .conftest import logged_in
from .test_message_attachments import pdf_upload, send
from .test_representation import REPRESENTATIVE_BSN, final_decision, represent

pytestmark = pytest.mark.django_db

LOGIN = "/mijn/inloggen/"
PARENT_BSN = "123456782"  # the housemate: a household member with authority over the child

WHO = ["resident", "housemate", "representative", "parent", "other", "anonymous", "staff"]

# Who gets what: 200, or 404 (out of reach: the same answer as for an id that does not exist).
# A representative acts for the resident; a parent acts for a minor child in the household.
# Anonymous visitors and staff sessions are sent to the portal's log-in (302) everywhere.
EVERYONE = {"resident": 200, "housemate": 200, "representative": 200, "parent": 200, "other": 200}
HOUSEHOLD = {**EVERYONE, "other": 404}
OWN = {**HOUSEHOLD, "housemate": 404, "parent": 404}
# a minor child does not see the household's case, so neither does a parent acting for them
# (the parent sees it as themselves: docs/portal.md, "Representation")
CASE = {**HOUSEHOLD, "parent": 404}
# without a receipt of a question just asked, the confirmation page goes back to the start
REDIRECT = dict.fromkeys(EVERYONE, 302)

MATRIX: dict[str, dict[str, int]] = {
    "portal:home": EVERYONE,
    "portal:ask": EVERYONE,
    "portal:ask_done": REDIRECT,
    "portal:case": CASE,
    "portal:messages": CASE,
    "portal:message_attachment": CASE,
    "portal:decisions": EVERYONE,
    "portal:decision_pdf": OWN,
    "portal:objection": OWN,
    "portal:complaint": EVERYONE,
    "portal:survey": EVERYONE,
    # the case holds a final decision: the survey about it is offered to the household
    "portal:survey_form": {**HOUSEHOLD, "parent": 302},  # back to the list: none offered
    "portal:requests": EVERYONE,
    "portal:inzage_pdf": OWN,
    "portal:inzage_json": OWN,
    "portal:representation": EVERYONE,
    "portal:consents": EVERYONE,
    "portal:social_map": EVERYONE,
    "portal:access": EVERYONE,
    "portal:access_pdf": EVERYONE,
}
# Portal URLs outside the matrix, and why: the log-in itself (tested in test_login.py), and
# the team's side of the portal, which is a staff page (below and in test_team.py).
NOT_RESIDENT_PAGES = {
    "portal:login": "the log-in page, open to everyone",
    "portal:oidc_start": "starts the OIDC flow, open to everyone",
    "portal:oidc_callback": "the OIDC callback (state, nonce and code: test_login.py)",
    "portal:logout": "ends the portal session",
    "portal:team_case": "a staff page",
    "portal:team_attachment": "a staff page",
    "portal:team_representation": "a staff page",
}


def _patterns(
    resolvers: list[Any], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, Any]]:
    """``(route, name, pattern)`` for every URL pattern, with the routes of includes joined."""
    for entry in resolvers:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield route, f"{namespace}{entry.name}" if entry.name else "", entry


SAMPLES = ["1", "x", str(uuid.UUID(int=1)), "2026", "2026-01-01", "a/b"]


def _sample(match: re.Match[str], pattern: Any) -> str:
    regex = pattern.pattern.converters[match.group(1)].regex
    for value in SAMPLES:
        if re.fullmatch(regex, value):
            return value
    raise AssertionError(f"no sample value for <{match.group(0)}> in {pattern}")


def concrete(route: str, pattern: Any) -> str:
    """A path for a route: ``<id:pk>`` becomes ``1``, ``<str:x>`` becomes ``x`` and so on."""
    if "^" in route or "$" in route:  # a regex route (the API's router)
        path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
        return "/" + path.replace("^", "").replace("$", "").replace("/?", "/").replace("\\.", ".")
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: _sample(m, pattern), route)


def portal_names() -> set[str]:
    return {name for _, name, _ in _patterns(portal_urls.urlpatterns, namespace="portal:")}


def test_every_portal_url_is_in_the_matrix_or_named_as_outside_it() -> None:
    names = portal_names()
    missing = names - set(MATRIX) - set(NOT_RESIDENT_PAGES)
    assert not missing, f"portal URLs without a row in the authorization matrix: {missing}"
    assert set(MATRIX) | set(NOT_RESIDENT_PAGES) <= names  # no stale rows either


@pytest.fixture
def storage(settings: Any) -> Storage:
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return document_storage()


def _client(setting: dict, who: str, client_for: Any) -> Client:
    if who == "anonymous":
        return Client()
    if who == "staff":
        return client_for(UserFactory())  # type: ignore[no-any-return]
    if who in {"representative", "parent"}:
        client = logged_in(REPRESENTATIVE_BSN if who == "representative" else PARENT_BSN)
        acting_for = setting["resident"] if who == "representative" else setting["child"]
        response = client.post("/mijn/vertegenwoordiging/", {"resident": acting_for.pk})
        assert response.status_code == 302, response.content.decode()
        return client
    return logged_in(setting[who].bsn)


def _paths(setting: dict, storage: Storage) -> dict[str, str]:
    """The concrete path of every URL in the matrix, with objects of the resident behind it."""
    case, resident = setting["case"], setting["resident"]
    represent(resident)
    today = timezone.localdate()
    setting["child"] = ResidentFactory(
        household=case.household,
        household_relation=HouseholdRelation.KIND,
        date_of_birth=today.replace(year=today.year - 10),
    )
    represent(setting["child"], basis=RepresentationBasis.GEZAG, representative_bsn=PARENT_BSN)
    decision = final_decision(case, resident)
    provided = InzageRequest.objects.create(
        resident=resident,
        received_on=today,
        requested_by=RequestedBy.INWONER,
        received_via=RequestChannel.PORTAAL,
        due_on=today + datetime.timedelta(days=31),
        status=InzageStatus.VERSTREKT,
        provided_on=today,
        registered_by=UserFactory(),
    )
    assert send(logged_in(resident.bsn), case, pdf_upload()).status_code == 302
    attachment = MessageAttachment.objects.get()
    ids = {
        "portal:case": {"pk": case.pk},
        "portal:messages": {"pk": case.pk},
        "portal:message_attachment": {"pk": case.pk, "apk": attachment.pk},
        "portal:decision_pdf": {"pk": decision.pk},
        "portal:objection": {"pk": decision.pk},
        "portal:survey_form": {"pk": case.pk},
        "portal:inzage_pdf": {"pk": provided.pk},
        "portal:inzage_json": {"pk": provided.pk},
    }
    return {name: reverse(name, kwargs=ids.get(name)) for name in MATRIX}


@pytest.mark.parametrize("who", WHO)
def test_authorization_matrix_over_every_portal_url(
    setting: dict, who: str, client_for: Any, storage: Storage
) -> None:
    paths = _paths(setting, storage)
    client = _client(setting, who, client_for)
    wrong = []
    for name, path in paths.items():
        response = client.get(path)
        want = MATRIX[name].get(who, 302)  # anonymous and staff: to the portal's log-in
        if response.status_code != want:
            wrong.append((name, path, response.status_code, want))
        elif who in {"anonymous", "staff"} and not response["Location"].startswith(LOGIN):
            wrong.append((name, path, response["Location"], LOGIN))
    assert not wrong, (who, wrong)


# ---- across the wall: no staff page or staff API for a resident's session -----------------

# URLs outside the portal that are open without a log-in on purpose: they show no one's data.
PUBLIC = {
    "core:accessibility": "the accessibility statement",
    "core:health_live": "liveness probe (no data)",
    "core:health_ready": "readiness probe (no data)",
    "core:manifest": "the web app manifest",
    "core:service_worker": "the service worker script",
    "core:offline": "the offline page",
    "accounts:login": "the staff log-in form",
    "set_language": "Django's language switch (a redirect)",
}


def staff_urls() -> list[tuple[str, str]]:
    """``(name, path)`` of every URL of the site outside the resident's portal."""
    found = []
    for route, name, pattern in _patterns(get_resolver().url_patterns):
        if name in MATRIX or (name in NOT_RESIDENT_PAGES and not name.startswith("portal:team")):
            continue
        if "format>" in route:  # the same API view with a format suffix
            continue
        found.append((name or route, concrete(route, pattern)))
    return found


def test_a_residents_session_reaches_no_staff_page_or_api(setting: dict) -> None:
    """Every URL of the site outside the portal (HTML pages and ``/api/``) refuses a resident's
    session: 401/403, or a redirect to the staff log-in; never a page with data."""
    urls = staff_urls()
    assert set(PUBLIC) <= {name for name, _ in urls}  # no stale exceptions
    assert sum(path.startswith("/api/") for _, path in urls) > 20  # the API is walked too
    staff_login = reverse("accounts:login")
    client = logged_in(setting["resident"].bsn)
    leaks = []
    for name, path in urls:
        if name in PUBLIC or path.startswith(("/mijn/", "/idp-test/")):
            continue  # the portal itself; the demo identity provider (test_login.py)
        response = client.get(path)
        location = response.get("Location", "")
        refused = response.status_code in (401, 403) or (
            response.status_code == 302 and location.startswith(staff_login)
        )
        if not refused:
            leaks.append((name, path, response.status_code, location))
    assert not leaks, leaks
