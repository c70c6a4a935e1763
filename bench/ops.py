"""The key operations of the benchmark, the actors that perform them, and the mixed workload.

Runs inside a process where Django is set up on the benchmark database: targets (which member,
which cases) are read with the ORM, URLs are reversed at run time, and an operation whose page
does not exist (yet) is skipped with a clear message instead of failing the run.
"""

import datetime
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .loadgen import HttpSession, Response, Sample, error_text, flow, post_forms, sample


@dataclass
class Actor:
    username: str
    user_id: int
    cases: list[int] = field(default_factory=list)
    plan_cases: list[int] = field(default_factory=list)
    decision_cases: list[int] = field(default_factory=list)
    bsns: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    # the resident an aanvraag is for, per decision case (read before the load starts, so the
    # load generator's processes need no database)
    decision_residents: dict[int, int] = field(default_factory=dict)
    # the reports' readers: the dashboard's query (a period with figures), published versions
    dashboard_query: str = ""
    publications: list[int] = field(default_factory=list)


POOLS = ("members", "deciders", "leaders", "policy", "council")  # the actor lists of Targets


@dataclass
class Targets:
    members: list[Actor]
    deciders: list[Actor]
    leaders: list[Actor]
    policy: list[Actor] = field(default_factory=list)  # beleidsmedewerkers
    council: list[Actor] = field(default_factory=list)  # Wmo-raad members

    def all_actors(self) -> list[Actor]:
        seen: dict[str, Actor] = {}
        for a in [*self.members, *self.deciders, *self.leaders, *self.policy, *self.council]:
            seen.setdefault(a.username, a)
        return list(seen.values())


def _actor(user_id: int, username: str, *, limit: int = 200) -> Actor:
    from wijkteam.cases.constants import CaseState, LawTrack
    from wijkteam.cases.models import Case
    from wijkteam.residents.models import Resident

    open_cases = (
        Case.objects.filter(coordinator_id=user_id)
        .exclude(state=CaseState.AFGESLOTEN)
        .order_by("pk")
    )
    cases = list(open_cases.values_list("pk", flat=True)[:limit])
    plan_cases = list(
        open_cases.filter(
            state__in=[CaseState.PLAN, CaseState.UITVOERING, CaseState.EVALUATIE],
            plan__isnull=False,
        ).values_list("pk", flat=True)[:limit]
    )
    decision_cases = list(
        open_cases.filter(law_track=LawTrack.WMO).values_list("pk", flat=True)[:limit]
    )
    residents = Resident.objects.filter(household__cases__in=cases).exclude(bsn="").order_by("pk")
    bsns = list(residents.values_list("bsn", flat=True)[:limit])
    names = sorted(set(residents.values_list("last_name", flat=True)[:limit]))
    first: dict[int, int] = {}
    for case_id, resident_id in (
        Resident.objects.filter(household__cases__in=decision_cases)
        .order_by("pk")
        .values_list("household__cases", "pk")
    ):
        first.setdefault(case_id, resident_id)
    return Actor(username, user_id, cases, plan_cases, decision_cases, bsns, names, first)


def find_targets(*, count: int) -> Targets:
    """Up to ``count`` generalists (the busiest first), beslissers and teamleiders.

    The benchmark asks for many more than its concurrency (``--actors``) and spreads its
    requests over all of them, so that caches see many users' and cases' rows, not eight."""
    from django.db.models import Count, Q

    from wijkteam.accounts.models import User
    from wijkteam.cases.constants import CaseState
    from wijkteam.organisation.constants import TeamRole

    def users(role: str, exclude: str | None = None) -> list[tuple[int, str]]:
        qs = User.objects.filter(memberships__roles__role=role, username__startswith="syn")
        if exclude:
            qs = qs.exclude(memberships__roles__role=exclude)
        qs = qs.annotate(
            open=Count(
                "coordinated_cases", filter=~Q(coordinated_cases__state=CaseState.AFGESLOTEN)
            )
        ).order_by("-open", "username")
        return list(qs.values_list("pk", "username")[:count])

    return Targets(
        members=[_actor(pk, name) for pk, name in users(TeamRole.GENERALIST, TeamRole.BESLISSER)],
        deciders=[_actor(pk, name) for pk, name in users(TeamRole.BESLISSER)],
        leaders=[_actor(pk, name) for pk, name in users(TeamRole.TEAMLEIDER)],
        **_report_readers(count),
    )


def _report_readers(count: int) -> dict[str, list[Actor]]:
    """Beleidsmedewerkers (the dashboard over the quarter of the last published overview) and
    Wmo-raad members (the published versions), by system role."""
    from wijkteam.accountability.models import PublishedOverview
    from wijkteam.accounts.constants import SystemRole
    from wijkteam.accounts.models import User

    versions = PublishedOverview.objects.order_by("-pk")
    published = list(versions.values_list("pk", flat=True)[:count])
    last = versions.values_list("period_start", flat=True).first()
    query = f"periode=kwartaal&van={last:%Y-%m}" if last else "periode=kwartaal"

    def by_role(role: str) -> list[tuple[int, str]]:
        qs = User.objects.filter(system_role=role, is_active=True, username__startswith="syn")
        return list(qs.order_by("username").values_list("pk", "username")[:count])

    return {
        "policy": [
            Actor(name, pk, dashboard_query=query)
            for pk, name in by_role(SystemRole.BELEIDSMEDEWERKER)
        ],
        "council": [
            Actor(name, pk, publications=published) for pk, name in by_role(SystemRole.WMO_RAAD)
        ],
    }


def url(name: str, *args: Any) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        try:
            return reverse(name, kwargs={"pk": args[0]}) if args else None
        except NoReverseMatch:
            return None


def _pick(items: list[Any], n: int) -> Any:
    return items[n % len(items)]


# ---------------------------------------------------------------------------------------------
# the operations
# ---------------------------------------------------------------------------------------------

Run = Callable[[HttpSession, Actor, int], list[Sample]]


@dataclass
class Operation:
    key: str
    label: str
    url_name: str
    pool: str  # members | deciders | leaders | policy | council
    run: Run
    key_page: bool = True  # counted against the page targets (p95, queries)
    needs: str = ""  # the actor list that must not be empty

    def unavailable(self, targets: Targets) -> str:
        """Why this operation cannot run here ('' when it can)."""
        probe = url(self.url_name, 1, 1) or url(self.url_name, 1) or url(self.url_name)
        if probe is None:
            return f"URL '{self.url_name}' bestaat (nog) niet"
        actors = getattr(targets, self.pool)
        if not actors:
            return f"geen {self.pool} in de gegevens"
        if self.needs and not any(getattr(a, self.needs) for a in actors):
            return f"geen {self.pool} met {self.needs}"
        return ""


def _queue(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    return [sample("queue", s.get(url("cases:queue") or ""))]


def _case_page(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    return [sample("case_page", s.get(url("cases:detail", _pick(a.cases, n)) or ""))]


CASE_TABS = ("onderzoek", "metingen", "plan", "besluiten", "inzet", "evaluatie", "geschiedenis")


def _case_tab(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    """One stage tab of the case page (each tab loads only its own section)."""
    tab = CASE_TABS[n % len(CASE_TABS)]
    path = f"{url('cases:detail', _pick(a.cases, n // len(CASE_TABS)))}?onderdeel={tab}"
    return [sample("case_tab", s.get(path))]


def _documents(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    """The documents page of a case (its own app, linked from the case page)."""
    return [sample("documents", s.get(url("documents:list", _pick(a.cases, n)) or ""))]


def _search_name(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    name = _pick(a.names, n)
    prefix = name[: max(3, len(name) - 2)]
    query = urllib.parse.urlencode({"q": prefix})
    return [sample("search_name", s.get(f"{url('residents:search')}?{query}"))]


def _search_bsn(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    query = urllib.parse.urlencode({"bsn": _pick(a.bsns, n)})
    return [sample("search_bsn", s.get(f"{url('residents:search')}?{query}"))]


def _caseload(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    return [sample("caseload", s.get(f"{url('cases:list')}?pagina={1 + n % 3}"))]


def _team_overview(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    return [sample("team_overview", s.get(url("cases:team_queue") or ""))]


def _dashboard(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    """The beleidsmedewerker's indicator dashboard over a quarter with figures."""
    return [sample("dashboard", s.get(f"{url('accountability:dashboard')}?{a.dashboard_query}"))]


def _publication(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    """A published Wmo-raad overview, as a member of the Wmo-raad reads it."""
    page = url("accountability:published", _pick(a.publications, n)) or ""
    return [sample("publication", s.get(page))]


def _follow(s: HttpSession, r: Response, parts: list[Sample]) -> None:
    """The page a successful POST redirects to, as the browser loads it."""
    if r.status in (302, 303) and r.location:
        target = urllib.parse.urlsplit(r.location)
        path = target.path + (f"?{target.query}" if target.query else "")
        parts.append(sample("redirect", s.get(path)))


def _plan_change(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    """Open the plan form, change the text of the first goal (or any text field), save, and
    load the page the save leads to: one user action, three HTTP requests."""
    case = _pick(a.plan_cases, n)
    path = url("cases:plan_edit", case) or ""
    page = s.get(path)
    parts = [sample("form", page)]
    if page.status != 200:
        return [flow("plan_change", parts)]
    forms = [f for f in post_forms(page.text()) if f["action"] in ("", path)]
    if not forms:
        parts.append(sample("post", page, expected=(), note="geen formulier op de planpagina"))
        return [flow("plan_change", parts)]
    fields: list[tuple[str, str]] = max(forms, key=lambda f: len(f["fields"]))["fields"]
    data: dict[str, Any] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    text_fields = [k for k in data if k.endswith("text")] or [
        k for k in data if "description" in k or "note" in k
    ]
    if text_fields:
        key = text_fields[0]
        old = data[key][0]
        data[key] = [old[:-12] if old.endswith(" (bijgewerkt)") else old + " (bijgewerkt)"]
    r = s.post(path, data)
    note = "" if r.status in (302, 303) else error_text(r.text())
    parts.append(sample("post", r, expected=(302, 303), note=note))
    _follow(s, r, parts)
    return [flow("plan_change", parts)]


DPK = re.compile(r"/besluiten/(\d+)/")


def _decision(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    """Record an aanvraag on one of the beslisser's cases, then decide on it (within mandate):
    each as the user does it (form, POST, the page it leads to)."""
    case = _pick(a.decision_cases, n)
    today = datetime.date.today()
    path = url("cases:decision_request", case) or ""
    parts = [sample("form", s.get(path))]
    r1 = s.post(
        path,
        {
            "resident": a.decision_residents.get(case, ""),
            "law": "wmo",
            "product_category": "02",
            "product_code": "",
            "volume": "3",
            "unit": "04",
            "frequency": "2",
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(weeks=26)).isoformat(),
            "budget": "",
            "requested_on": today.isoformat(),
        },
    )
    note = "" if r1.status == 302 else error_text(r1.text())
    parts.append(sample("post", r1, expected=(302,), note=note))
    _follow(s, r1, parts)
    samples = [flow("decision_request", parts)]
    match = DPK.search(r1.location)
    if r1.status != 302 or match is None:
        return samples
    path = url("cases:decision_take", case, int(match.group(1))) or ""
    parts = [sample("form", s.get(path))]
    r2 = s.post(
        path,
        {
            "outcome": "toegekend",
            "granted_volume": "",
            "motivation": "De inwoner kan het huishouden niet zelf of met het netwerk voeren.",
            "legal_basis": "wmo_2_3_5",
            "deviation_justification": "",
        },
    )
    note = "" if r2.status == 302 else error_text(r2.text())
    parts.append(sample("post", r2, expected=(302,), note=note))
    _follow(s, r2, parts)
    samples.append(flow("decision_take", parts))
    return samples


def _empty(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    """The reference operation: an empty page through the full middleware stack."""
    return [sample("empty", s.get("/_bench/leeg/"))]


EMPTY = Operation(
    "empty", "lege pagina (referentie)", "bench_empty", "members", _empty, key_page=False
)


def _layout(s: HttpSession, a: Actor, n: int) -> list[Sample]:
    """The shared layout (header, menu, footer) with an empty body, for a team member."""
    return [sample("layout", s.get("/_bench/layout/"))]


LAYOUT = Operation(
    "layout", "alleen de opmaak (referentie)", "bench_layout", "members", _layout, key_page=False
)


OPERATIONS: list[Operation] = [
    Operation("queue", "werkvoorraad van een teamlid", "cases:queue", "members", _queue, needs="cases"),
    Operation("case_page", "casuspagina openen (met toegangslog)", "cases:detail", "members", _case_page, needs="cases"),
    Operation("case_tab", "tabblad van een casus (met toegangslog)", "cases:detail", "members", _case_tab, needs="cases"),
    Operation("documents", "documenten van een casus (met toegangslog)", "documents:list", "members", _documents, needs="cases"),
    Operation("search_name", "inwoner zoeken op naam", "residents:search", "members", _search_name, needs="names"),
    Operation("search_bsn", "inwoner zoeken op BSN", "residents:search", "members", _search_bsn, needs="bsns"),
    Operation("plan_change", "planwijziging opslaan", "cases:plan_edit", "members", _plan_change, needs="plan_cases"),
    Operation("decision", "aanvraag + besluit vastleggen", "cases:decision_take", "deciders", _decision, needs="decision_cases"),
    Operation("caseload", "caseload van het team (teamleider)", "cases:list", "leaders", _caseload),
    Operation("team_overview", "overzicht van de teamleider", "cases:team_queue", "leaders", _team_overview),
    Operation("dashboard", "indicatoren (beleidsmedewerker)", "accountability:dashboard", "policy", _dashboard),
    Operation("publication", "gepubliceerd overzicht (Wmo-raad)", "accountability:published", "council", _publication, needs="publications"),
]  # fmt: skip

# Measured operations (a decision task yields two samples: its aanvraag and its besluit).
SAMPLE_LABELS = {
    "empty": "lege pagina (referentie)",
    "queue": "werkvoorraad (teamlid)",
    "case_page": "casuspagina + toegangslog",
    "case_tab": "tabblad casus + toegangslog",
    "documents": "documenten casus + toegangslog",
    "search_name": "zoeken op naam",
    "search_bsn": "zoeken op BSN",
    "plan_change": "plan wijzigen",
    "decision_request": "aanvraag vastleggen",
    "decision_take": "besluit vastleggen",
    "caseload": "caseload team",
    "team_overview": "overzicht teamleider",
    "dashboard": "indicatoren beleid",
    "publication": "publicatie Wmo-raad",
}

# A team's day: mostly reading the queue and case pages, some searching, fewer writes.
MIX_WEIGHTS = {
    "queue": 18,
    "case_page": 25,
    "case_tab": 15,
    "search_name": 8,
    "search_bsn": 4,
    "plan_change": 10,
    "decision": 5,
    "caseload": 8,
    "team_overview": 7,
}
