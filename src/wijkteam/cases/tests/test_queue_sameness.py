"""The work queue built from tuples gives exactly the rows it gave with model objects.

``_legacy_queue_items`` is the queue as it was built before (model instances with their case
joined in every query, ``term_view`` per term); the pages, the team's page and the API are
rendered once with it (and the old ``{% url %}`` template) and once with the current code, on
the same factory data, and the rows must be identical. Query counts stay bounded.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse
from django.template import engines
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases import policies, selectors_queue
from wijkteam.cases.constants import CaseState, DecisionStatus, Frequency, ReportStatus, Unit
from wijkteam.cases.models import Case, Decision, Evaluation, Report, TrackedTerm
from wijkteam.cases.selectors_queue import (
    QUEUE_CASE_COLUMNS,
    QUEUE_CASE_RELATED,
    RESIDENT_TERMS,
    QueueItem,
    report_terms,
)
from wijkteam.cases.services.terms import term_view
from wijkteam.cases.tests.test_queue_page_sameness import page_with_row_template
from wijkteam.cases.views import case as case_views
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import Law, TeamRole
from wijkteam.residents.models import NetworkMember
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    NetworkMemberFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

_SOURCES = selectors_queue._SOURCES


def _legacy_queue_items(*, user, team_wide: bool, member: User | None = None) -> list[QueueItem]:
    today = timezone.localdate()
    leader_teams = org_policies.leader_team_ids(user)
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
    # The open cases as a list first: each of the lookups below then probes its index per case
    # instead of joining every open term or evaluation of the municipality (docs/performance.md).
    open_cases = sorted(set(cases.exclude(state=CaseState.AFGESLOTEN).values_list("pk", flat=True)))
    items: list[QueueItem] = []
    for term in (
        TrackedTerm.objects.filter(case_id__in=open_cases, met_on__isnull=True)
        .exclude(key__in=RESIDENT_TERMS)
        .select_related(*QUEUE_CASE_RELATED)
        .only("key", "variant", "starts_on", "due_on", "met_on", *QUEUE_CASE_COLUMNS)
        .order_by("due_on", "id")[:200]
    ):
        view = term_view(term, today)
        items.append(QueueItem(term.due_on, "termijn", view.label, term.case, status=view.status))
    for ev in (
        Evaluation.objects.filter(case_id__in=open_cases, held_on__isnull=True)
        .select_related(*QUEUE_CASE_RELATED)
        .only("planned_on", *QUEUE_CASE_COLUMNS)
        .order_by("planned_on", "id")[:200]
    ):
        items.append(
            QueueItem(
                ev.planned_on,
                "evaluatie",
                _("Evaluatie"),
                ev.case,
                status="overdue" if ev.planned_on < today else "on_time",
            )
        )
    if leader_teams and member is None:
        for dec in (
            Decision.objects.filter(
                status=DecisionStatus.WACHT_OP_AKKOORD, case__team_id__in=leader_teams
            )
            .exclude(decided_by=user)
            .select_related(*QUEUE_CASE_RELATED)
            .only("requested_on", *QUEUE_CASE_COLUMNS)
            .order_by("requested_on", "id")[:200]
        ):
            items.append(
                QueueItem(
                    dec.requested_on,
                    "akkoord",
                    _("Tweede akkoord gevraagd"),
                    dec.case,
                    status="due_soon",
                )
            )
    reports = policies.report_scope(user) if member is None else Report.objects.none()
    open_reports = list(
        reports.filter(status=ReportStatus.OPEN)
        .only("resident_id", "received_at", "law_track")
        .order_by("received_at", "id")[:200]
    )
    for report, (due, state) in zip(open_reports, report_terms(open_reports, today), strict=True):
        items.append(
            QueueItem(due, "melding", _("Melding beoordelen"), None, report=report, status=state)
        )
    overloaded = NetworkMember.objects.filter(household_id=OuterRef("household_id"), load__gte=3)
    at_risk = (
        Case.objects.filter(pk__in=open_cases)
        .filter(Exists(overloaded))
        .select_related("household", "coordinator")
        .only(
            "team",
            "household",
            "household__name",
            "coordinator",
            "coordinator__first_name",
            "coordinator__last_name",
            "coordinator__username",
        )
        .order_by("pk")[:200]
    )
    for case in at_risk:
        items.append(
            QueueItem(
                today,
                "mantelzorger",
                _("Mantelzorger dreigt overbelast te raken"),
                case,
                status="due_soon",
            )
        )
    for source in _SOURCES:
        items += source(user, open_cases, leader_teams, today)
    items.sort(key=lambda i: (i.due_on, i.kind))
    return items


def _legacy(monkeypatch) -> None:
    """Serve the queue as before: the old builder and the template with ``{% url %}``."""
    monkeypatch.setattr(selectors_queue, "_queue_items", _legacy_queue_items)
    source = page_with_row_template()  # the page as it was, its rows by the template
    assert "fast_url" in source
    old = engines["django"].from_string(
        source.replace("{% load i18n fast_url %}", "{% load i18n %}").replace(
            "{% fast_url ", "{% url "
        )
    )

    def render(request, name, context):
        return HttpResponse(old.render(context, request))

    monkeypatch.setattr(case_views, "render", render)


@pytest.fixture
def team_data():
    """A team with more than a page of work of every kind the queue shows."""
    today = timezone.localdate()
    first = CaseFactory(uitvoering=True)
    team = first.team
    leader = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER]).user
    cases = [first]
    for n in range(1, 24):
        extra: dict[str, object] = {"coordinator": first.coordinator} if n % 4 == 0 else {}
        extra["afgesloten" if n % 11 == 0 else "uitvoering"] = True
        cases.append(
            CaseFactory(
                team=team,
                household__name="Huishouden Jansen" if n % 3 == 0 else f"Huishouden {n}",
                **extra,
            )
        )
    for n, case in enumerate(cases):
        resident = case.household.members.first()
        for k, key in enumerate(("wmo_onderzoek", "wmo_beschikking", "bezwaar")):
            TrackedTerm.objects.create(
                case=case,
                key=key,
                starts_on=today - datetime.timedelta(days=30),
                due_on=today + datetime.timedelta(days=(n * 3 + k) % 17 - 6),
                met_on=today if (n + k) % 7 == 0 else None,
            )
        Evaluation.objects.create(case=case, planned_on=today + datetime.timedelta(days=n % 9 - 4))
        if n % 2:
            NetworkMemberFactory(household=case.household, overloaded=True)
        if n % 5 == 0:
            Decision.objects.create(
                case=case,
                resident=resident,
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
    for n in range(6):
        ReportFactory(
            team=team,
            received_at=timezone.now() - datetime.timedelta(days=n * 9),
        )
    return leader, first.coordinator, cases


def _rows(html: str) -> str:
    body = re.search(r"<tbody.*?</tbody>", html, re.S)
    assert body is not None
    return body.group(0)


PATHS = [
    "/werkvoorraad/team/",
    "/werkvoorraad/team/?pagina=2",
    "/werkvoorraad/team/?pagina=3",
    "/werkvoorraad/",
]


def test_pages_and_api_are_the_same_as_with_model_objects(team_data, client_for, monkeypatch):
    leader, member, _cases = team_data
    paths = [*PATHS, f"/werkvoorraad/team/?lid={member.pk}"]
    users = {"leader": leader, "member": member}
    clients = {k: client_for(u) for k, u in users.items()}

    def collect() -> dict[str, object]:
        out: dict[str, object] = {}
        for who, client in clients.items():
            for path in paths:
                response = client.get(path)
                assert response.status_code == 200
                out[f"{who} {path}"] = _rows(response.content.decode())
            for api in ("/api/work-queue/", "/api/work-queue/?team=1"):
                out[f"{who} {api}"] = client.get(api).json()
        return out

    new = collect()
    with monkeypatch.context() as m:
        _legacy(m)
        old = collect()
    assert new.keys() == old.keys()
    for key in new:
        assert new[key] == old[key], key
    # The data really fills the pages: two pages for the team, every kind present.
    team_api = new["leader /api/work-queue/?team=1"]
    assert isinstance(team_api, list) and len(team_api) > 50
    kinds = {row["kind"] for row in team_api}
    assert kinds == {"termijn", "evaluatie", "akkoord", "melding", "mantelzorger"}
    assert new["leader /werkvoorraad/team/?pagina=2"].count("<tr") > 1


def test_the_items_are_the_same_as_with_model_objects(team_data):
    leader, member, _cases = team_data

    def described(items: list[QueueItem]) -> list[tuple[object, ...]]:
        return [
            (
                i.due_on,
                i.kind,
                i.label,
                i.status,
                i.case.pk if i.case else None,
                i.case.household.name if i.case else None,
                i.case.coordinator.display_name if i.case else None,
                i.report.pk if i.report else None,
            )
            for i in items
        ]

    for user, team_wide in ((leader, True), (leader, False), (member, False)):
        new = selectors_queue.with_cases(
            selectors_queue._queue_items(user=user, team_wide=team_wide)
        )
        old = _legacy_queue_items(user=user, team_wide=team_wide)
        assert described(new) == described(old)
        assert [i.case_id for i in new] == [i.case.pk if i.case else None for i in old]
    assert selectors_queue.work_queue_summary(user=member)[0] == len(
        _legacy_queue_items(user=member, team_wide=False)
    )


def test_a_queue_item_made_with_its_case_knows_the_case_id(team_data):
    _leader, _member, cases = team_data
    item = QueueItem(timezone.localdate(), "termijn", "x", cases[0])
    assert item.case_id == cases[0].pk
    assert selectors_queue.with_cases([item]) == [item]
    bare = QueueItem(timezone.localdate(), "termijn", "x", None, case_id=cases[1].pk)
    (loaded,) = selectors_queue.with_cases([bare])
    assert loaded.case is not None and loaded.case.pk == cases[1].pk


def test_the_team_page_needs_no_more_queries_than_before(team_data, client_for, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    leader, _member, _cases = team_data
    client = client_for(leader)
    client.get("/werkvoorraad/team/")
    with CaptureQueriesContext(connection) as new:
        client.get("/werkvoorraad/team/")
    # Copied at once: ``captured_queries`` slices the connection's rolling log later on.
    new_sql = [q["sql"] for q in new.captured_queries]
    with monkeypatch.context() as m:
        _legacy(m)
        client.get("/werkvoorraad/team/")
        with CaptureQueriesContext(connection) as old:
            client.get("/werkvoorraad/team/")
    # One query more (the 50 shown cases, loaded once), none of them joining a case per row.
    assert len(new_sql) <= len(old.captured_queries) + 1
    joins = [sql for sql in new_sql if "cases_trackedterm" in sql]
    assert joins and all("residents_household" not in sql for sql in joins)
