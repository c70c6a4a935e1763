"""The besluit and aanvraag form pages written in Python are the HTML of their templates (issue 17,
``h-dec4``).

``cases/decision/take.html`` and ``request.html`` are ``{% decision_title %}`` and ``{%
decision_content %}`` (``cases/decision_detail_html_forms.py``); the templates they replaced
are ``take_engine.html`` and ``request_engine.html``. Here both pages are the same through the
Python and through the engine (CSRF masked): the form, the form with errors (400), the refused
besluit of the cliëntondersteuner (403), the besluit with grants in the same period (in this
case and in another case of the household), with awkward names and a decision outside the
choice lists, in Dutch and English. (Hash and fallback: ``test_decision_detail_html.py``.)
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from wijkteam.cases import decision_detail_html as pages
from wijkteam.cases.models import Decision
from wijkteam.testing.factories import CaseFactory

from .test_decision_detail_html import CSRF, ODD, ODD_CODE, _both, _client, _take
from .test_decision_fixtures import build_world, decided, request_decision

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_besluit_page_is_the_same_through_the_engine(client_for, monkeypatch, language):
    w = build_world()
    w.resident.first_name = "D'Arcy <&>"
    w.resident.save()
    w.case.household.name = f"Familie {ODD}"
    w.case.household.save()
    alone = request_decision(w, budget=Decimal("12.5"))
    decided(w)  # a grant in the same period: the overlap warning
    _take(w, request_decision(w, volume=Decimal(15)))  # waiting: also a grant
    other = CaseFactory(team=w.team, coordinator=w.coordinator)  # the resident moved there
    elsewhere = decided(w)
    Decision.objects.filter(pk=elsewhere.pk).update(case=other)  # "in een andere casus"
    overlapping = request_decision(w)
    odd = request_decision(w, product_category="03")
    Decision.objects.filter(pk=odd.pk).update(
        unit="zz", frequency="9", volume=Decimal("1234567.891"), product_code=ODD_CODE
    )
    overlapping_other_period = request_decision(
        w,
        starts_on=datetime.date(2020, 1, 6),
        ends_on=datetime.date(2020, 3, 1),
        requested_on=datetime.date(2019, 12, 1),
    )
    for decision in (alone, overlapping, odd, overlapping_other_period):
        path = reverse("cases:decision_take", args=[w.case.pk, decision.pk])
        for user in (w.beslisser, w.coordinator, w.leader):
            now, before = _both(_client(client_for, user, language), path, monkeypatch)
            assert now == before, (decision.pk, user)
        now, before = _both(
            _client(client_for, w.beslisser, language), path, monkeypatch, "post", 400
        )
        assert now == before  # the form with its errors
    path = reverse("cases:decision_take", args=[w.case.pk, overlapping.pk])
    now, _ = _both(_client(client_for, w.coordinator, language), path, monkeypatch)
    assert "utrecht-alert--warning" in now and 'name="csrfmiddlewaretoken"' in now
    assert now.count('<li class="utrecht-unordered-list__item">') == 5  # 3 grants, 2 mandates
    assert f'<html lang="{language}"' in now  # the page in the language asked for


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_refused_besluit_is_the_same_through_the_engine(client_for, monkeypatch, language):
    """The cliëntondersteuner's POST is refused by the service: the form with the error (403)."""
    w = build_world()
    decision = request_decision(w)
    path = reverse("cases:decision_take", args=[w.case.pk, decision.pk])
    client = _client(client_for, w.supporter, language)
    data = {"outcome": "toegekend", "motivation": "Nodig.", "legal_basis": "wmo_2_3_5"}
    pages_now = []
    for engine in (False, True):
        pages._verified.clear()
        with monkeypatch.context() as patched:
            if engine:
                patched.setattr(pages, "_verified", dict.fromkeys(pages.PAGES, False))
            response = client.post(path, data)
        assert response.status_code == 403
        pages_now.append(response.content.decode())
    now, before = (CSRF.sub(r"\1…", html) for html in pages_now)
    assert now == before
    assert 'name="motivation"' in now and "utrecht-alert" in now
    assert f'<html lang="{language}"' in now


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_aanvraag_page_is_the_same_through_the_engine(client_for, monkeypatch, language):
    w = build_world()
    w.case.household.name = f"Familie {ODD}"
    w.case.household.save()
    w.resident.first_name = "D'Arcy <&>"
    w.resident.save()
    path = reverse("cases:decision_request", args=[w.case.pk])
    for user in (w.coordinator, w.beslisser):
        now, before = _both(_client(client_for, user, language), path, monkeypatch)
        assert now == before
        assert "D&#x27;Arcy &lt;&amp;&gt;" in now
        now, before = _both(_client(client_for, user, language), path, monkeypatch, "post", 400)
        assert now == before  # the form with its errors
        assert "utrecht-form-field-error-message" in now
        assert f'<html lang="{language}"' in now
