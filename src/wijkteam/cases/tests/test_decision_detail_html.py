"""The decision's detail page written in Python is the HTML of its template (issue 17, ``h-dec4``).

``cases/decision/detail.html`` is ``{% decision_title "detail" %}`` and ``{% decision_content
"detail" %}`` (``cases/decision_detail_html.py``); the template it replaced is
``cases/decision/detail_engine.html`` (with ``_summary.html`` and ``cases/_breadcrumbs.html``).
Here: the sources are still the texts the Python was written from (SHA-256), an edited template
is rendered by the engine again, and the whole page is the same through both (CSRF masked) for
a decision in every status (aangevraagd, wacht op akkoord, besloten with and without akkoord,
afgewezen with a deviation, made known, with a budget, without terms, met terms, labels outside
the choice lists, ``'<&>"`` and line breaks in the texts), for every kind of viewer (the
coordinator, the beslisser, both teamleiders, one of whom may approve: the form with its CSRF
token; the cliëntondersteuner), with the error of a refused approval, in Dutch and English.
"""

import datetime
import hashlib
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from wijkteam.cases import decision_detail_html as pages
from wijkteam.cases.constants import DecisionOutcome, LegalBasis
from wijkteam.cases.models import Decision, TrackedTerm
from wijkteam.cases.services import decision as decisions

from .test_decision_fixtures import World, build_world, decided, request_decision, today

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="(?:csrfmiddlewaretoken|idempotency_key)" value=")[^"]+"')
ODD = 'O\'Neil & <b>"Zoë"</b>'
# awkward within the product code's 5 characters (PostgreSQL enforces the length)
ODD_CODE = "<&'\">"


def _source(name: str) -> str:
    return (Path(settings.TEMPLATES[0]["DIRS"][0]) / name).read_text()


def test_the_engine_templates_are_the_texts_the_python_was_written_from():
    """Edit one of these templates and this fails: change ``decision_detail_html*.py`` to match
    (and the hash), or the page goes back to the engine (next test)."""
    for name, pinned in pages.SHA256.items():
        assert hashlib.sha256(_source(name).encode()).hexdigest() == pinned, name
    pages._verified.clear()
    for page in pages.PAGES:
        assert pages.engine_source_is_known(page)
        assert pages.template_name(page) == f"cases/decision/{page}.html"
        assert f"{{% decision_content {page!r}".replace("'", '"') in _source(
            pages.template_name(page)
        )


@pytest.mark.parametrize("changed", [pages.SUMMARY, pages.BREADCRUMBS, "detail_engine"])
def test_an_edited_template_is_rendered_by_the_engine(monkeypatch, client_for, changed):
    w = build_world()
    decision = request_decision(w)
    pinned = dict(pages.SHA256)
    name = changed if "/" in changed else f"cases/decision/{changed}.html"
    pinned[name] = "0" * 64
    monkeypatch.setattr(pages, "SHA256", pinned)
    monkeypatch.setattr(pages, "_verified", {})
    assert pages.template_name("detail") == "cases/decision/detail_engine.html"
    called = []
    monkeypatch.setattr(pages, "detail_content", lambda context: called.append(1) or "python")
    path = reverse("cases:decision_detail", args=[w.case.pk, decision.pk])
    response = client_for(w.coordinator).get(path)
    assert response.status_code == 200
    assert not called
    assert response.templates[0].name == "cases/decision/detail_engine.html"


def _page(client, path: str, method: str = "get", status: int = 200) -> str:
    if method == "post":  # bound (a form with errors), awkward values kept in the fields
        response = client.post(path, {"motivation": ODD, "volume": f"-1 {ODD}", "law": ODD})
    else:
        response = client.get(path)
    assert response.status_code == status, path
    return CSRF.sub(r"\1…", response.content.decode())


def _client(client_for, user, language: str):
    """A logged-in client that chose ``language`` with the language switch (its cookie)."""
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _both(client, path: str, monkeypatch, method: str = "get", status: int = 200):
    pages._verified.clear()
    now = _page(client, path, method, status)
    with monkeypatch.context() as patched:
        patched.setattr(pages, "_verified", dict.fromkeys(pages.PAGES, False))  # the engine
        before = _page(client, path, method, status)
    return now, before


def _take(w: World, decision: Decision, actor=None) -> Decision:
    return decisions.decision_take(
        actor=actor or w.beslisser,
        decision=decision,
        outcome=DecisionOutcome.TOEGEKEND,
        motivation=f"Nodig.\nRegel twee {ODD}\r\n\nEn drie.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )


def _every_status(w: World) -> list[Decision]:
    """Decisions of ``w.case`` in every status, with awkward values."""
    w.resident.first_name = "D'Arcy <&>"
    w.resident.save()
    w.case.household.name = f"Familie {ODD}"
    w.case.household.save()
    w.leader.first_name, w.leader.last_name = "Zoë <b>", "O'Neil & Co"
    w.leader.save()
    w.beslisser.first_name = "Bé <i>"
    w.beslisser.save()
    plain = request_decision(w, product_code="", budget=Decimal("1234.5"))  # aangevraagd
    odd = request_decision(w, volume=Decimal("2.50"))
    Decision.objects.filter(pk=odd.pk).update(product_code=ODD_CODE)  # not a valid code: as stored
    final = decided(w)  # besloten, toegekend
    waiting = _take(w, request_decision(w, volume=Decimal(15)))  # wacht op akkoord
    approved = _take(w, request_decision(w, volume=Decimal("12.25")))
    decisions.decision_approve(actor=w.leader, decision=approved)  # besloten with akkoord
    decisions.decision_made_known(actor=w.coordinator, decision=final, made_known_on=today())
    refused = request_decision(w, product_category="04")
    decisions.decision_take(
        actor=w.beslisser,
        decision=refused,
        outcome=DecisionOutcome.AFGEWEZEN,
        motivation="Niet nodig.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )
    Decision.objects.filter(pk=refused.pk).update(
        unit="zz",
        frequency="9",
        deviates_from_protocol=True,
        deviation_justification=f"Anders {ODD}\nomdat.",
    )  # no choice labels, a deviation
    TrackedTerm.objects.filter(decision=refused).delete()  # no terms: "Geen termijnen."
    TrackedTerm.objects.filter(decision=final).update(met_on=today() - datetime.timedelta(days=1))
    odd_labels = request_decision(w, product_category="03")
    Decision.objects.filter(pk=odd_labels.pk).update(
        law="geen", product_category="zz", volume=Decimal("1234567.891")
    )
    return [plain, odd, final, waiting, approved, refused, odd_labels]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_detail_page_is_the_same_through_the_engine(client_for, monkeypatch, language):
    w = build_world()
    every = _every_status(w)
    viewers = (w.coordinator, w.beslisser, w.leader, w.leader2, w.supporter)
    for decision in every:
        path = reverse("cases:decision_detail", args=[w.case.pk, decision.pk])
        for user in viewers:
            now, before = _both(_client(client_for, user, language), path, monkeypatch)
            assert now == before, (decision.status, user)
    waiting = reverse("cases:decision_detail", args=[w.case.pk, every[3].pk])
    now, _ = _both(_client(client_for, w.leader2, language), waiting, monkeypatch)
    assert 'name="csrfmiddlewaretoken"' in now  # the second-approval form
    assert "Bé &lt;i&gt;" in now and "D&#x27;Arcy &lt;&amp;&gt;" in now
    final = reverse("cases:decision_detail", args=[w.case.pk, every[4].pk])
    now, _ = _both(_client(client_for, w.coordinator, language), final, monkeypatch)
    assert "Familie O&#x27;Neil &amp; &lt;b&gt;&quot;Zoë&quot;&lt;/b&gt;" in now
    assert "<br>" in now  # the motivation's line breaks
    assert f'<html lang="{language}"' in now  # the page in the language asked for


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_page_with_an_error_is_the_same_through_the_engine(client_for, monkeypatch, language):
    """A refused second approval renders the detail page with its error (403)."""
    w = build_world()
    waiting = _take(w, request_decision(w, volume=Decimal(15)))
    path = reverse("cases:decision_approve", args=[w.case.pk, waiting.pk])
    now, before = _both(_client(client_for, w.beslisser, language), path, monkeypatch, "post", 403)
    assert now == before
    assert "utrecht-alert--error" in now
    assert f'<html lang="{language}"' in now


def test_the_page_writes_no_template_of_its_own(client_for):
    """Through the Python the page renders ``base.html``'s blocks, not the included templates."""
    w = build_world()
    decision = request_decision(w)
    pages._verified.clear()
    path = reverse("cases:decision_detail", args=[w.case.pk, decision.pk])
    response = client_for(w.coordinator).get(path)
    names = [t.name for t in response.templates]
    assert names[0] == "cases/decision/detail.html"
    assert pages.SUMMARY not in names and pages.BREADCRUMBS not in names
