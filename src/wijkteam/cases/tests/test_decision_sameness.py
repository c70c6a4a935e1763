"""The aanvraag and besluit screens are the same HTML with the direct form renderer.

Issue 17: the decision stage's forms render through ``core/direct_render.py`` (Python that
writes what ``core/forms/*.html`` and Django's widget templates write). Here every screen of
the flow — the aanvraag form, the aanvraag with errors (field and form errors), the besluit
form with its mandate preview and an overlap warning, the besluit with errors, the
bekendmaking form — is rendered once as before (the templates) and once as now, and the whole
pages are compared (the CSRF token and the idempotency key masked). Also for the second
household member and in English.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from wijkteam.cases import forms_decision
from wijkteam.testing.factories import ResidentFactory

from .test_decision_fixtures import decided, request_decision, world
from .test_decision_views import decide_data, request_data

__all__ = ["world"]

pytestmark = pytest.mark.django_db

MASKS = [
    re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"'),
    re.compile(r'(name="idempotency_key" value=")[^"]+"'),
]
FORMS = (
    forms_decision.DecisionRequestForm,
    forms_decision.DecideForm,
    forms_decision.MadeKnownForm,
)


def _masked(html: str) -> str:
    for pattern in MASKS:
        html = pattern.sub(r'\1…"', html)
    return html


def _screens(w, client_for, language):
    """(label, response) of every screen of the flow, in a fixed order, in ``language`` (the
    language switch's cookie: the site picks the language per request)."""
    ResidentFactory(household=w.case.household, first_name="Zoë", last_name="Aardema")
    earlier = decided(w)
    pending = request_decision(w)
    coordinator = client_for(w.coordinator)
    beslisser = client_for(w.beslisser)
    for client in (coordinator, beslisser):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    new = reverse("cases:decision_request", args=[w.case.pk])
    take = reverse("cases:decision_take", args=[w.case.pk, pending.pk])
    known = reverse("cases:decision_made_known", args=[w.case.pk, earlier.pk])
    return [
        ("aanvraag", lambda: coordinator.get(new)),
        ("aanvraag fout", lambda: coordinator.post(new, request_data(w, product_category="99"))),
        ("aanvraag leeg", lambda: coordinator.post(new, {"idempotency_key": "abcdef0123456789"})),
        (
            "aanvraag servicefout",
            lambda: coordinator.post(new, request_data(w, requested_on="2999-01-01")),
        ),
        ("besluit", lambda: beslisser.get(take)),
        ("besluit fout", lambda: beslisser.post(take, decide_data(motivation="", outcome="x"))),
        (
            "besluit afwijking",
            lambda: beslisser.post(
                take, decide_data(deviates_from_protocol="on", deviation_justification="")
            ),
        ),
        ("bekendmaking", lambda: coordinator.get(known)),
        ("bekendmaking fout", lambda: coordinator.post(known, {"made_known_on": "gisteren"})),
    ]


def _render(screens) -> dict[str, tuple[int, str]]:
    out = {}
    for label, call in screens:
        response = call()
        out[label] = (response.status_code, _masked(response.content.decode()))
    return out


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_decision_screens_are_the_same_as_with_the_templates(
    world, client_for, monkeypatch, language
):
    screens = _screens(world, client_for, language)
    now = _render(screens)
    for form_class in FORMS:
        monkeypatch.setattr(form_class, "default_renderer", None)  # the project's templates
    before = _render(screens)
    assert list(now) == list(before)
    for label in now:
        assert now[label][0] == before[label][0], label
        assert now[label][1] == before[label][1], label
        assert f'<html lang="{language}"' in now[label][1], label  # the language asked for
    statuses = {label: status for label, (status, _html) in now.items()}
    assert statuses["aanvraag"] == statuses["besluit"] == statuses["bekendmaking"] == 200
    assert statuses["aanvraag fout"] == statuses["besluit fout"] == 400
    unknown = {
        "nl": "Onbekende productcode/productcategorie: 99.",
        "en": "Unknown product code/product category: 99.",
    }[language]
    assert unknown in now["aanvraag fout"][1]
    assert 'type="radio"' in now["besluit"][1] and "<select" in now["aanvraag"][1]
    assert "Aardema" in now["aanvraag"][1]
