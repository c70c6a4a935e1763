"""The Besluiten tab and the aanvraag, made cheaper without changing what they show or store
(issue 17, branch h-dec2).

The tab's reads come from statements compiled once (``core.compiled``) and its labels from
``core.choices``: here the tab is rendered for every kind of viewer (coordinator, beslisser,
teamleider, cliëntondersteuner), in Dutch and English, with odd names, with and without
decisions, through the compiled statements and through the ORM alone with Django's own
``get_*_display``: the same HTML and the same number of statements. The aanvraag inserts its
legal term directly: the same rows as ``term_start``'s get-or-create, five statements fewer.
"""

import datetime
import re
from decimal import Decimal
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkteam.cases.constants import DecisionOutcome, LegalBasis
from wijkteam.cases.models import Decision, TrackedTerm
from wijkteam.cases.services import decision as decisions
from wijkteam.cases.services import terms as term_services
from wijkteam.cases.services.decision import request as request_service
from wijkteam.cases.stages import decision as stage
from wijkteam.core import compiled
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.models import MandateRule

from .test_decision_fixtures import World, build_world, decided, request_decision, today

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')
CHOICE_FIELDS = ["law", "product_category", "unit", "frequency", "status", "outcome"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    compiled.clear()
    yield
    compiled.clear()


def _django_displays():
    """Decision's get_*_display as Django makes them (the map built on every call)."""
    patches = []
    for name in [*CHOICE_FIELDS, "legal_basis"]:
        field = Decision._meta.get_field(name)

        def django_display(self, field=field):
            return self._get_FIELD_display(field)

        patches.append(mock.patch.object(Decision, f"get_{name}_display", django_display))
    return patches


def _tab(w: World, client_for, users) -> dict[str, tuple[str, int]]:
    out = {}
    path = f"{reverse('cases:detail', args=[w.case.pk])}?onderdeel=besluiten"
    for user in users:
        client = client_for(user)
        for language in ("nl", "en"):
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the language switch
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200
            assert response["Content-Language"] == language
            assert f'<html lang="{language}"' in response.content.decode()
            html = CSRF.sub(r"\1…", response.content.decode())
            out[f"{user.pk} {language}"] = (html, len(queries))
    return out


def _compare(w: World, client_for) -> None:
    users = [w.coordinator, w.beslisser, w.leader, w.supporter]
    _tab(w, client_for, users)  # warm: the statements are compiled
    now = _tab(w, client_for, users)
    with mock.patch.object(compiled, "_execute", return_value=None):  # every read: the ORM
        patches = _django_displays()
        for patch in patches:
            patch.start()
        try:
            before = _tab(w, client_for, users)
        finally:
            for patch in patches:
                patch.stop()
    assert now.keys() == before.keys()
    for key, (html, count) in now.items():
        assert html == before[key][0], key
        assert count == before[key][1], key


def test_the_tab_without_decisions_is_the_same(client_for):
    _compare(build_world(), client_for)


def test_the_tab_with_every_kind_of_decision_is_the_same(client_for):
    w = build_world()
    w.resident.first_name = "D'Arcy <&>"
    w.resident.save()
    request_decision(w, product_code="")  # aangevraagd
    decided(w)  # besloten, toegekend
    waiting = request_decision(w, volume=Decimal(15))
    decisions.decision_take(
        actor=w.beslisser,
        decision=waiting,
        outcome=DecisionOutcome.TOEGEKEND,
        motivation="Nodig.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )  # wacht op akkoord (above volume_alone)
    refused = request_decision(w, product_category="04")
    decisions.decision_take(
        actor=w.beslisser,
        decision=refused,
        outcome=DecisionOutcome.AFGEWEZEN,
        motivation="Niet nodig.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )
    Decision.objects.filter(pk=refused.pk).update(unit="zz", frequency="9")  # no choice labels
    _compare(w, client_for)


def test_may_decide_as_the_related_manager_says():
    w = build_world()
    for roles in ([], [TeamRole.BESLISSER], [TeamRole.TEAMLEIDER], [TeamRole.BESLISSER, "x"]):
        expected = w.team.mandate_rules.filter(role__in=roles).exists()
        assert stage._may_decide(w.team.pk, frozenset(roles)) is expected
    MandateRule.objects.filter(team=w.team).delete()
    assert stage._may_decide(w.team.pk, frozenset([TeamRole.BESLISSER])) is False
    # the statement is the one exists() runs, and compiled (not the ORM every time)
    query = w.team.mandate_rules.filter(role__in=("a", "b")).query.exists()
    assert str(query) == str(stage.has_mandate_rule(w.team.pk, ("a", "b")).query)
    assert compiled._cache()[
        ("cases.decision_tab.mandate", (TeamRole.BESLISSER,)), 1, (), False, 0, ()
    ]


def test_the_tab_reads_are_the_querysets_of_before():
    w = build_world()
    decided(w)
    request_decision(w)
    old = (
        Decision.objects.filter(case=w.case)
        .select_related("resident", "decided_by", "approved_by")
        .order_by("-requested_on", "-id")
    )
    assert str(old.query) == str(stage.case_decisions(w.case.pk).query)
    old_terms = TrackedTerm.objects.filter(case=w.case, decision__isnull=False)
    assert str(old_terms.order_by("due_on", "id").query) == str(
        stage.case_decision_terms(w.case.pk).query
    )
    section = stage.load(w.case, w.leader)
    assert [r.decision.pk for r in section.rows] == [d.pk for d in old]
    assert section.is_teamleader and not section.may_decide


def _rows(model):
    fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
    return list(model.objects.order_by("pk").values_list(*fields))


def test_the_aanvraag_stores_the_same_rows_in_five_statements_fewer():
    def through_get_or_create(**kwargs):
        return term_services.term_start(**kwargs)

    counts = []
    stored = []
    for insert in (through_get_or_create, term_services.term_insert):
        w = build_world()
        with mock.patch.object(request_service, "term_insert", insert):
            request_decision(w, product_category="04")  # the access log's head exists now
            with CaptureQueriesContext(connection) as queries:
                decision = request_decision(w, requested_on=today() - datetime.timedelta(days=1))
        counts.append(len(queries))
        term = TrackedTerm.objects.get(decision=decision)
        stored.append((term.key, term.variant, term.starts_on, term.due_on, term.met_on))
        assert term.case_id == w.case.pk
    assert stored[0] == stored[1]
    assert counts[0] - counts[1] == 5


def test_term_insert_is_term_start_for_a_new_decision():
    w = build_world()
    decision = request_decision(w)
    made = TrackedTerm.objects.get(decision=decision)
    TrackedTerm.objects.filter(pk=made.pk).delete()
    for jeugd_key in ("wmo_beschikking", "jeugd_beslissing"):
        inserted = term_services.term_insert(
            case=w.case, key=jeugd_key, starts_on=today(), decision=decision
        )
        TrackedTerm.objects.filter(pk=inserted.pk).delete()
        started = term_services.term_start(
            case=w.case, key=jeugd_key, starts_on=today(), decision=decision
        )
        assert (inserted.due_on, inserted.starts_on, inserted.variant) == (
            started.due_on,
            started.starts_on,
            started.variant,
        )


def _overlaps_orm(user, decision):
    """The queryset of overlapping_grants before issue 17's h-dec2 (built on every call)."""
    from wijkteam.cases import policies
    from wijkteam.cases.constants import DecisionStatus
    from wijkteam.cases.selectors_decision import GRANTED

    return list(
        Decision.objects.filter(
            resident_id=decision.resident_id,
            product_category=decision.product_category,
            status__in=(DecisionStatus.BESLOTEN, DecisionStatus.WACHT_OP_AKKOORD),
            outcome__in=GRANTED,
            starts_on__lte=decision.ends_on,
            ends_on__gte=decision.starts_on,
            case__in=policies.case_scope_ids(user),
        )
        .exclude(pk=decision.pk)
        .order_by("starts_on", "pk")[:5]
    )


def test_the_overlap_warning_is_the_querysets_at_the_edges():
    from wijkteam.cases.selectors_decision import overlapping_grants

    w = build_world()
    day = datetime.timedelta(days=1)
    start, end = today(), today() + datetime.timedelta(days=30)
    grants = [
        decided(w, starts_on=start - 10 * day, ends_on=start),  # ends on the first day
        decided(w, starts_on=end, ends_on=end + 10 * day),  # starts on the last day
        decided(w, starts_on=start - 10 * day, ends_on=start - day),  # the day before
        decided(w, starts_on=end + day, ends_on=end + 10 * day),  # the day after
        decided(w, product_category="04", starts_on=start, ends_on=end),  # another category
    ]
    asked = request_decision(w, starts_on=start, ends_on=end)
    other = request_decision(w, product_category="04", starts_on=start, ends_on=end)
    users = [w.beslisser, w.leader, w.coordinator, w.supporter, w.outsider]
    for user in users:
        for decision in (asked, other, grants[0]):
            got = overlapping_grants(user=user, decision=decision)
            expected = _overlaps_orm(user, decision)
            assert [d.pk for d in got] == [d.pk for d in expected], (user, decision)
            assert [d.__dict__.keys() for d in got] == [d.__dict__.keys() for d in expected]
    assert {d.pk for d in overlapping_grants(user=w.beslisser, decision=asked)} == {
        grants[0].pk,
        grants[1].pk,
    }
    assert overlapping_grants(user=w.outsider, decision=asked) == []
    # compiled (per category and number of teams), not the ORM every time
    shapes = [k for k in compiled._cache() if k[0][0] == "cases.overlapping_grants"]
    assert shapes and all(compiled._cache()[k] is not None for k in shapes)
    with CaptureQueriesContext(connection) as queries:
        overlapping_grants(user=w.leader, decision=asked)
    with CaptureQueriesContext(connection) as orm_queries:
        _overlaps_orm(w.leader, asked)
    assert [q["sql"] for q in queries] == [q["sql"] for q in orm_queries]


def test_the_teamleiders_to_notify_are_the_querysets():
    from wijkteam.cases.selectors_decision import second_approval_leaders
    from wijkteam.organisation.selectors import team_member_users
    from wijkteam.testing.factories import MembershipFactory

    w = build_world()
    ended = MembershipFactory(
        team=w.team, roles=[TeamRole.TEAMLEIDER], active_until=today() - datetime.timedelta(1)
    ).user
    inactive = MembershipFactory(team=w.team, roles=[TeamRole.TEAMLEIDER]).user
    inactive.is_active = False
    inactive.save()
    assert ended and inactive
    for actor in (w.beslisser, w.leader, w.leader2, w.outsider):
        expected = team_member_users(team_id=w.team.pk, role=TeamRole.TEAMLEIDER).exclude(
            pk=actor.pk
        )
        got = second_approval_leaders(team_id=w.team.pk, actor=actor)
        assert [u.pk for u in got] == [u.pk for u in expected]
        assert [u.is_active for u in got] == [u.is_active for u in expected]
    assert {u.pk for u in second_approval_leaders(team_id=w.team.pk, actor=w.leader)} == {
        w.leader2.pk
    }
    assert (
        compiled._cache()[("cases.second_approval_leaders", 2, ("date",), True, 0, ())] is not None
    )
