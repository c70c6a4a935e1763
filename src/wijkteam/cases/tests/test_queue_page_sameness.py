"""The work queue's rows written in Python are the rows the template wrote (issue 17).

``cases/queue_html.py`` writes the ``<tr>``s of ``cases/_work_queue_rows.html``. Here: the
template's source is the one the Python was written from (a changed template fails here first),
the page is the page as it was before the rows moved out of it (the old source, byte for byte),
and the whole queue page — names with ``'<&>``, an empty queue, overdue terms, every kind of item
(with and without a page of its own, with and without a hint), Dutch and English — renders the
same with the Python rows as with the template.
"""

import datetime
import hashlib
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.template import engines
from django.template.loader import render_to_string
from django.utils import timezone, translation

from wijkteam.cases import queue_html, selectors_queue
from wijkteam.cases.constants import DecisionStatus, Frequency, Unit
from wijkteam.cases.models import Decision, Evaluation, TrackedTerm
from wijkteam.cases.selectors_queue import QueueItem
from wijkteam.cases.views import case as case_views
from wijkteam.organisation.constants import Law, TeamRole
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    NetworkMemberFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

# SHA-256 of ``cases/work_queue.html`` before its rows moved to ``_work_queue_rows.html``
# (commit fb8a67d).
OLD_PAGE_SHA256 = "90125c773e535fd3bdabcaaf694283e52733ed5cf229706bbd4100faeec8a4c4"
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')
ODD = 'O\'Neil <&> "Zoë"'


# On PostgreSQL the captured SQL is the client's rendering with the values in: an id list that
# ``InIds`` sends as an array shows as ``'{1,2}'::int2[]`` (the type psycopg picked), the same
# ids sent as the array's text (``IdsText``) as ``'{1,2}'``; both then pass the statement's own
# ``::bigint[]``. The statement text is the same; only that rendering is taken out here.
_ARRAY_TYPE = re.compile(r"::int[248]\[\](?=::bigint\[\])")


def _sql(queries: list[dict[str, str]]) -> list[str]:
    return [_ARRAY_TYPE.sub("", q["sql"]) for q in queries]


def page_with_row_template() -> str:
    """``cases/work_queue.html`` with the rows template put back in place of ``{{ rows }}``."""
    engine = engines["django"].engine
    page = engine.get_template("cases/work_queue.html").source
    rows = engine.get_template(queue_html.ROWS_TEMPLATE).source
    rows = rows.removeprefix("{% load i18n fast_url %}")
    assert page.count("  {{ rows }}") == 1
    return page.replace("  {{ rows }}", "  " + rows)


def serve_with_row_template(monkeypatch) -> None:
    """Render the queue pages with the rows written by the template (the old page)."""
    old = engines["django"].from_string(page_with_row_template())

    def render(request, name, context):
        assert name == "cases/work_queue.html"
        return HttpResponse(old.render(context, request))

    monkeypatch.setattr(case_views, "render", render)


def test_the_rows_template_is_the_one_the_python_was_written_from():
    assert queue_html.source_digest() == queue_html.ROWS_SOURCE_SHA256, (
        "cases/_work_queue_rows.html changed: update cases/queue_html.py and its digest"
    )


def test_the_page_with_its_rows_template_is_the_old_page():
    digest = hashlib.sha256(page_with_row_template().encode()).hexdigest()
    assert digest == OLD_PAGE_SHA256


@pytest.fixture
def queue_data():
    """A team whose queue holds every kind of item, with odd names, over two pages."""
    today = timezone.localdate()
    first = CaseFactory(uitvoering=True, household__name=ODD)
    team = first.team
    first.coordinator.first_name, first.coordinator.last_name = "D'Arcy", "<b>&amp;</b>"
    first.coordinator.save()
    leader = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER]).user
    cases = [first]
    for n in range(1, 20):
        extra: dict[str, object] = {"coordinator": first.coordinator} if n % 3 == 0 else {}
        name = ODD if n % 4 == 0 else f"Huishouden {n} & zn"
        cases.append(CaseFactory(team=team, household__name=name, uitvoering=True, **extra))
    for n, case in enumerate(cases):
        TrackedTerm.objects.create(
            case=case,
            key="wmo_onderzoek" if n % 2 else "wmo_beschikking",
            starts_on=today - datetime.timedelta(days=40),
            due_on=today + datetime.timedelta(days=n % 11 - 5),  # overdue, today, later
        )
        Evaluation.objects.create(case=case, planned_on=today + datetime.timedelta(days=n % 7 - 3))
        if n % 3 == 1:
            NetworkMemberFactory(household=case.household, overloaded=True)
        if n % 5 == 0:
            Decision.objects.create(
                case=case,
                resident=case.household.members.first(),
                law=Law.WMO,
                product_category="01",
                volume=Decimal("2"),
                unit=Unit.UUR,
                frequency=Frequency.PER_WEEK,
                starts_on=today,
                ends_on=today + datetime.timedelta(days=90),
                requested_on=today - datetime.timedelta(days=n),
                status=DecisionStatus.WACHT_OP_AKKOORD,
                outcome="toegekend",
                legal_basis="Wmo 2015 art. 2.3.5",
                motivation="Nodig.",
                decided_by=case.coordinator,
                created_by=case.coordinator,
            )
    for n in range(4):
        ReportFactory(team=team, received_at=timezone.now() - datetime.timedelta(days=n * 20))
    idle = MembershipFactory().user  # a member of another team: nothing in the queue
    return leader, first.coordinator, idle


def _masked(html: str) -> str:
    return CSRF.sub(r'\1…"', html)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_queue_page_sameness(queue_data, client_for, monkeypatch, language):
    leader, member, idle = queue_data
    paths = {
        leader: [
            "/werkvoorraad/team/",
            "/werkvoorraad/team/?pagina=2",
            f"/werkvoorraad/team/?lid={member.pk}",
            "/werkvoorraad/",
        ],
        member: ["/werkvoorraad/"],
        idle: ["/werkvoorraad/"],
    }
    clients = {user: client_for(user) for user in paths}
    for client in clients.values():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    def collect() -> dict[str, str]:
        out = {}
        for user, user_paths in paths.items():
            for path in user_paths:
                response = clients[user].get(path)
                assert response.status_code == 200
                out[f"{user.pk} {path}"] = _masked(response.content.decode())
        return out

    now = collect()
    with monkeypatch.context() as m:
        serve_with_row_template(m)
        before = collect()
    assert list(now) == list(before)
    for key in now:
        assert now[key] == before[key], key
        assert f'<html lang="{language}"' in now[key], key  # the language asked for
    team_page = now[f"{leader.pk} /werkvoorraad/team/"]
    assert team_page.count('<tr class="utrecht-table__row">') > 50
    assert "O&#x27;Neil &lt;&amp;&gt; &quot;Zoë&quot;" in team_page
    overdue = "overdue" if language == "en" else "verlopen"
    assert f'wt-status--overdue">{overdue}<' in team_page
    empty = "Nothing needs attention" if language == "en" else "Niets dat nu aandacht vraagt"
    assert empty in now[f"{idle.pk} /werkvoorraad/"]
    kinds = {i.kind for i in selectors_queue.work_queue(user=leader, team_wide=True)}
    assert kinds == {"termijn", "evaluatie", "akkoord", "melding", "mantelzorger"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_rows_of_hand_made_items_are_the_rows_of_the_template(language):
    case = CaseFactory(household__name=ODD)
    case.household_hint = "Buurt <Oost> & 'West', 1950"
    plain = CaseFactory()
    report = ReportFactory()
    report.household_hint = "Wijk 'A' <&>"
    bare_report = ReportFactory()
    today = timezone.localdate()
    items = [
        QueueItem(today - datetime.timedelta(days=3), "termijn", "Label <&> 'x'", case,
                  status="overdue"),
        QueueItem(today, "evaluatie", "Evaluatie", plain, status="on_time"),
        QueueItem(today, "klacht", "Klacht 'K' <1>", plain, status="due_soon",
                  url="/klachten/1/?a=1&b='2'"),
        QueueItem(today, "melding", "Melding beoordelen", None, report=report, status="due_soon"),
        QueueItem(today, "melding", "Melding", None, report=bare_report, status="overdue"),
        QueueItem(today, "vreemd", "Geen huishouden", None, status="<odd>"),
        QueueItem(today + datetime.timedelta(days=400), "termijn", "", plain, status=""),
    ]  # fmt: skip
    with translation.override(language):
        for shown in (items, items[:1], []):
            expected = render_to_string(queue_html.ROWS_TEMPLATE, {"items": shown})
            assert queue_html.rows_html(shown) == expected


def test_a_changed_template_goes_back_to_the_engine(monkeypatch):
    monkeypatch.setattr(queue_html, "ROWS_SOURCE_SHA256", "0" * 64)
    monkeypatch.setattr(queue_html, "_known", {})
    calls = []

    def render(name, context):
        calls.append(name)
        return "engine"

    monkeypatch.setattr(queue_html, "render_to_string", render)
    assert queue_html.rows_html([]) == "engine"
    assert calls == [queue_html.ROWS_TEMPLATE]


def test_the_queue_statements_are_compiled_once(queue_data, client_for):
    """Every statement of ``selectors_queue_sql`` is cached, none falls back to the ORM."""
    from wijkteam.core import compiled

    leader, member, _idle = queue_data
    compiled.clear()
    client = client_for(leader)
    for path in ("/werkvoorraad/team/", f"/werkvoorraad/team/?lid={member.pk}", "/werkvoorraad/"):
        assert client.get(path).status_code == 200
    assert client_for(member).get("/").status_code == 200
    shapes = {k[0][1]: v for k, v in compiled._cache().items() if k[0][0] == "queue"}
    assert set(shapes) == {
        "team", "member", "own", "terms", "evaluations", "carers", "approvals", "reports",
        "cases", "members", "report_residents",
    }  # fmt: skip
    assert all(v is not None for v in shapes.values()), shapes


def _old_statements(user, *, team_wide, member, leader_teams):
    """The queue's querysets exactly as ``selectors_queue`` built them before (fb8a67d)."""
    from django.db.models import Exists, OuterRef, Q

    from wijkteam.cases import policies
    from wijkteam.cases.constants import CaseState, ReportStatus
    from wijkteam.cases.models import Case, Report
    from wijkteam.cases.selectors_queue import RESIDENT_TERMS
    from wijkteam.core.id_lists import InIds
    from wijkteam.organisation import policies as org_policies
    from wijkteam.residents.models import carers_awaiting_follow_up

    if team_wide and leader_teams and member is not None:
        involved = Case.involved_members.through.objects.filter(user_id=member.pk).values("case_id")
        cases = Case.objects.filter(team_id__in=leader_teams).filter(
            Q(coordinator=member) | Q(pk__in=involved)
        )
    elif team_wide and leader_teams:
        cases = Case.objects.filter(team_id__in=leader_teams)
    else:
        involved = Case.involved_members.through.objects.filter(user_id=user.pk).values("case_id")
        cases = Case.objects.filter(Q(coordinator=user) | Q(pk__in=involved)).filter(
            team_id__in=org_policies.member_team_ids(user)
        )
    open_cases = sorted(
        set(cases.exclude(state=CaseState.AFGESLOTEN).order_by().values_list("pk", flat=True))
    )
    in_open = InIds("case_id", open_cases)
    list(
        TrackedTerm.objects.filter(in_open, met_on__isnull=True)
        .exclude(key__in=RESIDENT_TERMS)
        .order_by("due_on", "id")
        .values_list("due_on", "key", "case_id")[:200]
    )
    list(
        Evaluation.objects.filter(in_open, held_on__isnull=True)
        .order_by("planned_on", "id")
        .values_list("planned_on", "case_id")[:200]
    )
    if leader_teams and member is None:
        list(
            Decision.objects.filter(
                status=DecisionStatus.WACHT_OP_AKKOORD, case__team_id__in=leader_teams
            )
            .exclude(decided_by=user)
            .order_by("requested_on", "id")
            .values_list("requested_on", "case_id")[:200]
        )
    reports = policies.report_scope(user) if member is None else Report.objects.none()
    list(
        reports.filter(status=ReportStatus.OPEN)
        .only("resident_id", "team_id", "received_at", "law_track")
        .order_by("received_at", "id")[:200]
    )
    overloaded = carers_awaiting_follow_up().filter(household_id=OuterRef("household_id"))
    list(
        Case.objects.filter(InIds("pk", open_cases))
        .filter(Exists(overloaded))
        .order_by("pk")
        .values_list("pk", flat=True)[:200]
    )
    return open_cases


def test_the_statements_are_the_ones_the_orm_sent(queue_data):
    """The compiled statements are the ORM's statements: the same SQL with the same values."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wijkteam.accounts.models import User
    from wijkteam.cases import selectors_queue_sql as sql
    from wijkteam.cases.models import Case
    from wijkteam.cases.selectors_queue import CASE_COLUMNS, CASE_RELATED
    from wijkteam.core import compiled
    from wijkteam.core.id_lists import InIds
    from wijkteam.organisation import policies as org_policies

    leader, member, idle = queue_data
    compiled.clear()
    for user, team_wide, who in (
        (leader, True, None),
        (leader, True, member),
        (leader, False, None),
        (member, False, None),
        (idle, False, None),
    ):
        teams = org_policies.leader_team_ids(user)
        with CaptureQueriesContext(connection) as old:
            open_cases = _old_statements(user, team_wide=team_wide, member=who, leader_teams=teams)
            if open_cases:
                Case.objects.filter(InIds("pk", open_cases)).select_related(*CASE_RELATED).only(
                    *CASE_COLUMNS
                ).in_bulk()
            list(
                User.objects.filter(memberships__team_id__in=teams)
                .only("pk", "username", "first_name", "last_name")
                .distinct()
                .order_by("first_name", "last_name", "pk")
            )
        old_sql = _sql(old.captured_queries)
        for _round in range(2):  # building (first) and compiled (second) alike
            with CaptureQueriesContext(connection) as new:
                found = sql.open_case_ids(user, team_wide=team_wide, member=who, leader_teams=teams)
                sql.open_terms(found)
                sql.open_evaluations(found)
                if teams and who is None:
                    sql.approvals(user, teams)
                if who is None:
                    sql.open_reports(user)
                sql.carers_at_risk(found)
                sql.cases_by_id(found, CASE_RELATED, CASE_COLUMNS)
                sql.team_members(teams)
            assert found == open_cases
            assert _sql(new.captured_queries) == old_sql, (user, team_wide, who)


def test_the_accountability_counts_are_the_same_compiled(queue_data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wijkteam.cases.selectors_accountability import accountability_counts, accountability_list
    from wijkteam.core import compiled
    from wijkteam.organisation import policies as org_policies

    leader, member, _idle = queue_data
    Decision.objects.update(deviates_from_protocol=True, deviation_justification="Maatwerk.")
    compiled.clear()
    for user in (leader, member, leader):
        teams = org_policies.leader_team_ids(user)
        with CaptureQueriesContext(connection) as old:
            expected = [
                (t.pk, t.name, t.deviations, t.own_employer) for t in accountability_counts(teams)
            ]
        with CaptureQueriesContext(connection) as new:
            found = [
                (t.pk, t.name, t.deviations, t.own_employer) for t in accountability_list(teams)
            ]
        assert found == expected
        assert _sql(new.captured_queries) == _sql(old.captured_queries)
    assert expected and expected[0][2] > 0
    assert [v for k, v in compiled._cache().items() if k[0] == ("accountability_counts",)] != [None]


def test_the_household_members_are_the_same_compiled(queue_data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wijkteam.cases.models import Case
    from wijkteam.cases.selectors_hints import household_members
    from wijkteam.core import compiled
    from wijkteam.core.id_lists import InIds
    from wijkteam.residents.models import Resident

    compiled.clear()
    households = list(Case.objects.values_list("household_id", flat=True))
    columns = ("pk", "household_id", "household_relation", "neighbourhood__name", "street")
    columns += ("house_number", "date_of_birth")
    for chosen in (households, households[:1], households[3:], households):
        with CaptureQueriesContext(connection) as old:
            expected = list(
                Resident.objects.filter(InIds("household_id", chosen))
                .order_by("pk")
                .values_list(*columns)
            )
        with CaptureQueriesContext(connection) as new:
            found = household_members(chosen)
        assert found == expected and found
        assert _sql(new.captured_queries) == _sql(old.captured_queries)
    assert [v for k, v in compiled._cache().items() if k[0] == ("hints", "members")] != [None]


def test_the_meldingens_residents_are_the_prefetchs(queue_data):
    """``load_report_residents`` = ``prefetch_related_objects(reports, Prefetch("resident",
    queryset=Resident.objects.select_related("neighbourhood")))``: the same residents (and
    buurt) on each melding, the same statement (the ids in the ``IN`` list sorted)."""
    from django.db import connection
    from django.db.models import Prefetch, prefetch_related_objects
    from django.test.utils import CaptureQueriesContext

    from wijkteam.cases.models import Report
    from wijkteam.cases.selectors_queue_sql import load_report_residents
    from wijkteam.core import compiled
    from wijkteam.residents.models import Resident

    def fields(reports):
        return [
            (r.pk, r.resident.pk, r.resident.last_name, r.resident.neighbourhood_id,
             r.resident.neighbourhood.name if r.resident.neighbourhood else None)
            for r in reports
        ]  # fmt: skip

    compiled.clear()
    every = list(Report.objects.only("resident_id", "team_id").order_by("pk"))
    assert len({r.resident_id for r in every}) > 1
    for chosen in (every, every[:1], every[1:], every, []):
        old_reports = list(
            Report.objects.filter(pk__in=[r.pk for r in chosen])
            .only("resident_id", "team_id")
            .order_by("pk")
        )
        new_reports = list(
            Report.objects.filter(pk__in=[r.pk for r in chosen])
            .only("resident_id", "team_id")
            .order_by("pk")
        )
        with CaptureQueriesContext(connection) as old:
            prefetch_related_objects(
                old_reports,
                Prefetch("resident", queryset=Resident.objects.select_related("neighbourhood")),
            )
        with CaptureQueriesContext(connection) as new:
            load_report_residents(new_reports)
            load_report_residents(new_reports)  # already loaded: nothing more
        assert fields(new_reports) == fields(old_reports)
        assert len(new) == len(old)
        # the same columns, join and no ordering; the condition is ``id IN`` the residents where
        # the prefetch writes a ``TupleIn`` (``= 1`` for one id, its own form for more)
        assert [q["sql"].split(" WHERE ")[0] for q in new] == [
            q["sql"].split(" WHERE ")[0] for q in old
        ]
        assert not [q for q in new if "ORDER BY" in q["sql"]]
    assert [v for k, v in compiled._cache().items() if k[0] == ("queue", "report_residents")]
