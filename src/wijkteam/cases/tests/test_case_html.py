"""The case page's own template written in Python is the HTML of its template (issue 17).

``cases/case_detail.html`` is ``{% case_title %}`` and ``{% case_content %}``
(``cases/case_html.py``); the template it replaced is ``cases/case_detail_engine.html``. Here:
its source is still the text the Python was written from (SHA-256), an edited template is
rendered by the engine again, and every tab of the case page is the same through both (CSRF
masked) and in the same number of queries, for the regisseur, a member of a partner
organisation with few consents (no basic data: the consent links), the teamleider and an
outsider under a doorbraak; on an open case full of awkward texts (``'<&>"``, long questions,
every optional field filled) and on a closed, bare one; in Dutch and in English.
"""

import datetime
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from wijkteam.cases import case_html, sections
from wijkteam.cases.models import CaseTransition, CoordinatorAssignment, TrackedTerm
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.models import Consent, EmergencyAccess
from wijkteam.residents.models import Resident
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    NetworkMemberFactory,
    OrganisationFactory,
    ReportFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')
ENGINE_FILE = Path(settings.TEMPLATES[0]["DIRS"][0]) / case_html.ENGINE
ODD = 'O\'Neil & <b>"Zoë"</b>'


def test_the_engine_template_is_the_text_the_python_was_written_from():
    """Edit ``case_detail_engine.html`` and this fails: change ``case_html.py`` to match (and
    the hash), or the page goes back to the engine (next test)."""
    digest = hashlib.sha256(ENGINE_FILE.read_text().encode()).hexdigest()
    assert digest == case_html.ENGINE_SHA256
    case_html._verified.clear()
    assert case_html.engine_source_is_known()
    assert case_html.template_name() == case_html.TEMPLATE


def test_an_edited_engine_template_is_rendered_by_the_engine(monkeypatch, client_for):
    case = CaseFactory()
    monkeypatch.setattr(case_html, "ENGINE_SHA256", "0" * 64)
    monkeypatch.setattr(case_html, "_verified", {})
    assert case_html.template_name() == case_html.ENGINE
    called = []
    monkeypatch.setattr(case_html, "content", lambda context: called.append(1) or "python")
    response = client_for(case.coordinator).get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    assert not called
    assert response.templates[0].name == case_html.ENGINE


def _awkward_case():
    """An open case with every optional part of the page filled, in odd texts."""
    case = CaseFactory(uitvoering=True, residents=2, household__name=f"Familie {ODD}")
    case.client_supporter = MembershipFactory(team=case.team).user
    case.save()
    case.involved_members.add(
        MembershipFactory(team=case.team, user__first_name="Zoë", user__last_name=ODD).user,
        MembershipFactory(team=case.team, user__first_name="Ab", user__last_name="Cd").user,
    )
    Resident.objects.filter(household=case.household).update(
        interpreter_language="Arabisch <&>",
        plain_language=True,
        communication_notes="Liever 's <ochtends> & niet bellen",
    )
    NetworkMemberFactory(
        household=case.household, overloaded=True, name=ODD, what_they_do="Boodschappen & <zo>"
    )
    NetworkMemberFactory(household=case.household, name="Buurvrouw")
    today = timezone.localdate()
    for key, met in (("wmo_onderzoek", None), ("wmo_besluit", today)):
        TrackedTerm.objects.create(case=case, key=key, starts_on=today, due_on=today, met_on=met)
    resident = case.household.members.order_by("pk").first()
    long_question = " ".join(f"woord{i} <&>" for i in range(30))
    ReportFactory(team=case.team, resident=resident, case=case, question=long_question)
    ReportFactory(team=case.team, resident=resident, case=case, triage_outcome="")
    CaseTransition.objects.create(
        case=case, from_state="", to_state="aangemeld", by=case.coordinator, reason=""
    )
    CaseTransition.objects.create(
        case=case,
        from_state="aangemeld",
        to_state="uitvoering",
        by=case.coordinator,
        reason=f"Omdat {ODD}",
    )
    other = UserFactory(first_name="Oud", last_name=ODD)
    CoordinatorAssignment.objects.create(
        case=case,
        coordinator=other,
        assigned_by=case.coordinator,
        ended_at=timezone.now(),
        handover_note=f"Over & <uit> {ODD}",
    )
    return case


def _viewers(case):
    """The regisseur, a partner member (consents for the network only), the teamleider, an
    outsider under a doorbraak."""
    partner = OrganisationFactory(municipality=case.team.municipality, name=f"Partner {case.pk}")
    worker = MembershipFactory(
        team=case.team, organisation=partner, roles=[TeamRole.GENERALIST]
    ).user
    case.involved_members.add(worker)
    Consent.objects.create(
        resident=case.household.members.order_by("pk").first(),
        organisation=partner,
        basis="toestemming",
        purpose="Samenwerking",
        categories=["netwerk", "interventies"],
        given_how="mondeling",
        recorded_by=case.coordinator,
        valid_from=timezone.localdate(),
    )
    leader = MembershipFactory(team=case.team, roles=[TeamRole.TEAMLEIDER]).user
    outsider = MembershipFactory().user
    EmergencyAccess.objects.create(
        user=outsider,
        case=case,
        reason="Acute zorg",
        opened_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    return [case.coordinator, worker, leader, outsider]


def _get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return CSRF.sub(r"\1…", response.content.decode()), len(queries)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_tab_is_the_same_through_the_engine(client_for, monkeypatch, language):
    awkward = _awkward_case()
    closed = CaseFactory(afgesloten=True, household__name="Kaal")
    pages = 0
    seen = []
    for case in (awkward, closed):
        for user in _viewers(case):
            client = client_for(user)
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the page's language
            for tab in sections.TABS:
                path = f"{reverse('cases:detail', args=[case.pk])}?onderdeel={tab.slug}"
                case_html._verified.clear()
                _get(client, path)  # warm: per-process caches of a first request
                now = _get(client, path)
                with monkeypatch.context() as patched:
                    patched.setattr(case_html, "_verified", {case_html.ENGINE: False})
                    before = _get(client, path)
                assert now[0] == before[0], (user, path)
                assert now[1] == before[1], (user, path)
                pages += 1
                seen.append(now[0])
    assert pages == 2 * 4 * len(sections.TABS)
    every = "".join(seen)
    first = awkward.household.members.order_by("pk").first()
    for part in (  # the awkward parts were on the pages compared, in the language asked for
        f'<html lang="{language}"',
        "O&#x27;Neil &amp; &lt;b&gt;&quot;Zoë&quot;&lt;/b&gt;",
        reverse("privacy:consent_list", args=[first.pk]),
        "opvolging vastleggen" if language == "nl" else "record follow-up",
        reverse("cases:transition", args=[awkward.pk]),
        "Arabisch &lt;&amp;&gt;",
        "wt-status--",
        "woord9 &lt;&amp;&gt; …",
        'aria-current="page"',
    ):
        assert part in every, part


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_phase_form_is_the_same_through_the_form_templates(language):
    """``TransitionForm`` is written by ``core/direct_render.py``: the same HTML as the form
    templates (Django's default renderer of the project), unbound and with errors."""
    from django.forms.renderers import get_default_renderer

    from wijkteam.cases.forms import TransitionForm

    case = CaseFactory(uitvoering=True)
    closed = CaseFactory(afgesloten=True)
    engine = get_default_renderer()
    with translation.override(language):
        for kwargs in (
            {"case": case},
            {"case": closed},
            {"case": case, "data": {"to_state": "nergens", "reason": "x" * 300}},
            {"case": case, "data": {"to_state": "evaluatie", "reason": ODD, "expected_version": 1}},
        ):
            direct = TransitionForm(**kwargs)
            templates = TransitionForm(**kwargs, renderer=engine)
            assert direct.renderer is not engine
            assert str(direct) == str(templates)
