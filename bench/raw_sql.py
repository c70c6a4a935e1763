# ruff: noqa: S608 - SQL text is built from constants and integer ids only, values are bound
"""The same data as each key page, fetched (and written) with hand-written SQL through the
database driver (psycopg 3 or sqlite3): the floor the application is compared with (app / raw).

Each function does what its page needs from the database: the scope check, every list the page
shows (including the stage sections of the case page), and the NEN 7513 access-log entry with
its hash chain, in one transaction, as the application does. No ORM, no templates, no HTTP.
"""

import datetime
import hashlib
import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlparse

from .ops import CASE_TABS, Actor

GENESIS = "0" * 64
UTC = datetime.UTC


class Raw:
    """A thin wrapper over one DB-API connection, writing SQL once for both engines."""

    def __init__(self, database_url: str) -> None:
        self.url = database_url
        if database_url.startswith("sqlite"):
            self.vendor = "sqlite"
            path = urlparse(database_url).path
            self.conn: Any = sqlite3.connect(path, isolation_level=None, timeout=20)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=20000")
        else:
            import psycopg

            self.vendor = "postgresql"
            self.conn = psycopg.connect(database_url.replace("postgres://", "postgresql://", 1))

    def close(self) -> None:
        self.conn.close()

    def _sql(self, sql: str) -> str:
        return sql.replace("%s", "?") if self.vendor == "sqlite" else sql

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self.conn.execute(self._sql(sql), self._params(params))
        return list(cur.fetchall())

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(self._sql(sql), self._params(params))

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.vendor == "sqlite":
            self.conn.executemany(self._sql(sql), [self._params(r) for r in rows])
        else:
            with self.conn.cursor() as cur:
                cur.executemany(sql, rows)

    def _params(self, params: Sequence[Any]) -> Sequence[Any]:
        if self.vendor != "sqlite":
            return params
        out = []
        for p in params:
            if isinstance(p, datetime.datetime):
                p = p.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
            elif isinstance(p, datetime.date):
                p = p.isoformat()
            out.append(p)
        return out

    def begin(self) -> None:
        if self.vendor == "sqlite":
            self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        if self.vendor == "sqlite":
            self.conn.execute("COMMIT")
        else:
            self.conn.commit()

    def read_done(self) -> None:
        """End a read-only stretch (PostgreSQL opened a transaction for it)."""
        if self.vendor != "sqlite":
            self.conn.commit()

    @property
    def for_update(self) -> str:
        return "" if self.vendor == "sqlite" else " FOR UPDATE"


def ids(values: Sequence[int]) -> str:
    """An inline list of integers (values come from the database, never from input)."""
    return ", ".join(str(int(v)) for v in values) or "NULL"


def today() -> datetime.date:
    return datetime.date.today()


# ---------------------------------------------------------------------------------------------
# scope and the access log
# ---------------------------------------------------------------------------------------------


def teams_of(db: Raw, user_id: int) -> tuple[list[int], list[int], str, str]:
    """Active member teams, teamleider teams, and the role/organisation labels for the log."""
    day = today()
    found = db.rows(
        "SELECT m.team_id, o.name, r.role FROM organisation_membership m "
        "JOIN organisation_organisation o ON o.id = m.organisation_id "
        "LEFT JOIN organisation_membershiprole r ON r.membership_id = m.id "
        "WHERE m.user_id = %s AND m.active_from <= %s "
        "AND (m.active_until IS NULL OR m.active_until >= %s)",
        [user_id, day, day],
    )
    member = sorted({t for t, _o, _r in found})
    leader = sorted({t for t, _o, r in found if r == "teamleider"})
    roles = ", ".join(sorted({r for _t, _o, r in found if r}))
    orgs = ", ".join(sorted({o for _t, o, _r in found}))
    return member, leader, roles, orgs


def case_scope_where(alias: str, user_id: int, member: list[int], leader: list[int]) -> str:
    """The case scope as a predicate on ``alias`` (no join, so no DISTINCT needed)."""
    c, u = alias, int(user_id)
    return (
        f"({c}.team_id IN ({ids(leader)}) OR ({c}.team_id IN ({ids(member)}) AND "
        f"({c}.coordinator_id = {u} OR {c}.client_supporter_id = {u} OR EXISTS (SELECT 1 FROM "
        f"cases_case_involved_members im WHERE im.case_id = {c}.id AND im.user_id = {u}))))"
    )


def log(
    db: Raw,
    actor: Actor,
    *,
    action: str,
    residents: Sequence[int],
    role: str,
    organisation: str,
    object_type: str = "",
    object_id: str = "",
    purpose: str = "",
) -> None:
    """Append one entry to the hash chain, exactly as ``privacy.access_log.log_access``."""
    resident_ids = sorted({int(r) for r in residents})
    head = db.one(f"SELECT last_hash FROM privacy_accessloghead WHERE id = 1{db.for_update}")
    prev = head[0] if head else GENESIS
    at = datetime.datetime.now(UTC)
    request_id = uuid.uuid4().hex
    payload = {
        "at": at.isoformat(),
        "user": actor.user_id,
        "user_name": actor.username,
        "user_role": role[:150],
        "organisation": organisation[:150],
        "on_behalf_of": "",
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "purpose": purpose,
        "residents": resident_ids,
        "request_id": request_id,
        "prev": prev,
    }
    digest = hashlib.sha256(
        json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()
    row = db.one(
        "INSERT INTO privacy_accesslogentry (at, user_id, user_name, user_role, "
        "organisation_name, on_behalf_of, action, object_type, object_id, purpose, "
        "resident_ids, request_id, prev_hash, hash) VALUES "
        "(%s, %s, %s, %s, %s, '', %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
        [
            at,
            actor.user_id,
            actor.username,
            role[:150],
            organisation[:150],
            action,
            object_type,
            object_id,
            purpose,
            json.dumps(resident_ids),
            request_id,
            prev,
            digest,
        ],
    )
    assert row is not None
    db.many(
        "INSERT INTO privacy_accesslogresident (entry_id, resident_id, at) VALUES (%s, %s, %s)",
        [(row[0], r, at) for r in resident_ids],
    )
    if head is None:
        db.execute(
            "INSERT INTO privacy_accessloghead (id, last_hash, last_entry_id) VALUES (1, %s, %s)",
            [digest, row[0]],
        )
    else:
        db.execute(
            "UPDATE privacy_accessloghead SET last_hash = %s, last_entry_id = %s WHERE id = 1",
            [digest, row[0]],
        )


def audit(
    db: Raw, actor: Actor, action: str, object_type: str, object_id: int, changes: Any
) -> None:
    db.execute(
        "INSERT INTO audit_auditevent (at, actor_id, actor_name, action, object_type, object_id, "
        "object_repr, changes, request_id) VALUES (%s, %s, %s, %s, %s, %s, '', %s, %s)",
        [
            datetime.datetime.now(UTC),
            actor.user_id,
            actor.username,
            action,
            object_type,
            str(object_id),
            json.dumps(changes),
            uuid.uuid4().hex,
        ],
    )


def _pick(items: list[Any], n: int) -> Any:
    return items[n % len(items)]


# ---------------------------------------------------------------------------------------------
# the operations
# ---------------------------------------------------------------------------------------------


def _queue_items(
    db: Raw, user_id: int, cases_sql: str, leader: list[int], member: list[int]
) -> list[int]:
    open_cases = f"SELECT id FROM ({cases_sql}) oc"
    households: set[int] = set()
    for _tid, _key, _due, _case, hh, _name in db.rows(
        "SELECT t.id, t.key, t.due_on, t.case_id, c.household_id, h.name FROM cases_trackedterm t "
        "JOIN cases_case c ON c.id = t.case_id JOIN residents_household h ON h.id = c.household_id "
        f"WHERE t.case_id IN ({open_cases}) AND t.met_on IS NULL ORDER BY t.due_on LIMIT 200"
    ):
        households.add(hh)
    for _eid, _planned, hh, _name in db.rows(
        "SELECT e.id, e.planned_on, c.household_id, h.name FROM cases_evaluation e "
        "JOIN cases_case c ON c.id = e.case_id JOIN residents_household h ON h.id = c.household_id "
        f"WHERE e.case_id IN ({open_cases}) AND e.held_on IS NULL LIMIT 200"
    ):
        households.add(hh)
    if leader:
        for _did, _req, hh, _name in db.rows(
            "SELECT d.id, d.requested_on, c.household_id, h.name FROM cases_decision d "
            "JOIN cases_case c ON c.id = d.case_id JOIN residents_household h ON h.id = c.household_id "
            f"WHERE d.status = 'wacht_op_akkoord' AND c.team_id IN ({ids(leader)}) "
            f"AND (d.decided_by_id IS NULL OR d.decided_by_id <> {int(user_id)}) LIMIT 200"
        ):
            households.add(hh)
    report_residents = [
        r[2]
        for r in db.rows(
            "SELECT r.id, r.received_at, r.resident_id, t.name FROM cases_report r "
            "JOIN organisation_team t ON t.id = r.team_id "
            f"WHERE r.team_id IN ({ids(member)}) AND r.status = 'open' LIMIT 200"
        )
    ]
    for _cid, hh, _name in db.rows(
        "SELECT DISTINCT c.id, c.household_id, h.name FROM cases_case c "
        "JOIN residents_household h ON h.id = c.household_id "
        "JOIN residents_networkmember n ON n.household_id = h.id "
        f"WHERE c.id IN ({open_cases}) AND n.load >= 3 LIMIT 200"
    ):
        households.add(hh)
    residents = [
        r[0]
        for r in db.rows(
            f"SELECT id FROM residents_resident WHERE household_id IN ({ids(sorted(households))})"
        )
    ]
    return residents + report_residents


def queue(db: Raw, a: Actor, n: int) -> None:
    db.begin()
    member, leader, role, org = teams_of(db, a.user_id)
    cases_sql = (
        f"SELECT c.id FROM cases_case c WHERE c.state <> 'afgesloten' AND c.team_id IN ({ids(member)}) "
        f"AND (c.coordinator_id = {int(a.user_id)} OR c.id IN (SELECT case_id FROM "
        f"cases_case_involved_members WHERE user_id = {int(a.user_id)}))"
    )
    residents = _queue_items(db, a.user_id, cases_sql, leader, member)
    log(
        db,
        a,
        action="read",
        residents=residents,
        role=role,
        organisation=org,
        purpose="werkvoorraad bekeken",
    )
    db.commit()


def team_overview(db: Raw, a: Actor, n: int) -> None:
    db.begin()
    member, leader, role, org = teams_of(db, a.user_id)
    cases_sql = f"SELECT c.id FROM cases_case c WHERE c.state <> 'afgesloten' AND c.team_id IN ({ids(leader)})"
    residents = _queue_items(db, a.user_id, cases_sql, leader, member)
    log(
        db,
        a,
        action="read",
        residents=residents,
        role=role,
        organisation=org,
        purpose="werkvoorraad bekeken",
    )
    db.commit()


def _case_frame(db: Raw, a: Actor, case_id: int) -> tuple[int, list[Any], str, str]:
    """What every tab of the case page shows: the case in scope, its household, its members."""
    member, leader, role, org = teams_of(db, a.user_id)
    case = db.one(
        "SELECT c.id, c.household_id, c.team_id, c.state, c.version, h.name, t.name, "
        "co.first_name, co.last_name, cs.first_name, cs.last_name FROM cases_case c "
        "JOIN residents_household h ON h.id = c.household_id "
        "JOIN organisation_team t ON t.id = c.team_id "
        "JOIN accounts_user co ON co.id = c.coordinator_id "
        "LEFT JOIN accounts_user cs ON cs.id = c.client_supporter_id "
        f"WHERE c.id = %s AND {case_scope_where('c', a.user_id, member, leader)}",
        [case_id],
    )
    assert case is not None, f"casus {case_id} buiten bereik"
    residents = db.rows(
        "SELECT * FROM residents_resident WHERE household_id = %s ORDER BY last_name, first_name",
        [case[1]],
    )
    db.rows(
        "SELECT u.id, u.first_name, u.last_name FROM cases_case_involved_members m "
        "JOIN accounts_user u ON u.id = m.user_id WHERE m.case_id = %s ORDER BY u.last_name",
        [case_id],
    )
    return case[1], residents, role, org


def case_page(db: Raw, a: Actor, n: int) -> None:
    """The overview tab: frame, network, the case's own legal terms, the access-log entry."""
    case_id = int(_pick(a.cases, n))
    db.begin()
    household, residents, role, org = _case_frame(db, a, case_id)
    db.rows(
        "SELECT n.*, r.first_name, r.last_name FROM residents_networkmember n "
        "LEFT JOIN residents_resident r ON r.id = n.supports_id WHERE n.household_id = %s ORDER BY n.name",
        [household],
    )
    db.rows(
        "SELECT * FROM cases_trackedterm WHERE case_id = %s AND decision_id IS NULL ORDER BY due_on",
        [case_id],
    )
    log(db, a, action="read", residents=[r[0] for r in residents], role=role, organisation=org,
        object_type="cases.Case", object_id=str(case_id), purpose="casus geopend")  # fmt: skip
    db.commit()


def _tab_section(db: Raw, tab: str, case_id: int) -> None:
    """The queries of one stage tab (the same data as the section the application renders)."""
    if tab == "onderzoek":
        investigation = db.one("SELECT id FROM cases_investigation WHERE case_id = %s", [case_id])
        if investigation:
            db.rows(
                "SELECT c.*, cr.resident_id FROM cases_conversation c LEFT JOIN "
                "cases_conversation_residents cr ON cr.conversation_id = c.id "
                "WHERE c.investigation_id = %s ORDER BY c.held_on, c.id",
                [investigation[0]],
            )
    elif tab == "metingen":
        db.rows(
            "SELECT a.*, s.domain_id, s.score, s.reason FROM cases_assessment a "
            "LEFT JOIN cases_assessmentscore s ON s.assessment_id = a.id WHERE a.case_id = %s "
            "ORDER BY a.measured_on, a.id",
            [case_id],
        )
    elif tab == "plan":
        plan = db.one("SELECT id FROM cases_plan WHERE case_id = %s", [case_id])
        if plan:
            db.rows('SELECT * FROM cases_goal WHERE plan_id = %s ORDER BY "order", id', [plan[0]])
            db.rows("SELECT * FROM cases_action WHERE plan_id = %s ORDER BY due_on, id", [plan[0]])
            db.rows(
                "SELECT v.number, v.changed_at, u.first_name, u.last_name FROM cases_planversion v "
                "JOIN accounts_user u ON u.id = v.changed_by_id WHERE v.plan_id = %s "
                "ORDER BY v.number DESC LIMIT 1",
                [plan[0]],
            )
    elif tab == "besluiten":
        db.rows(
            "SELECT d.*, r.first_name, r.last_name FROM cases_decision d "
            "JOIN residents_resident r ON r.id = d.resident_id WHERE d.case_id = %s "
            "ORDER BY d.requested_on DESC, d.id DESC",
            [case_id],
        )
        db.rows(
            "SELECT * FROM cases_trackedterm WHERE case_id = %s AND decision_id IS NOT NULL "
            "ORDER BY due_on, id",
            [case_id],
        )
    elif tab == "inzet":
        db.rows(
            "SELECT i.*, al.allocation_number, al.provider_id FROM cases_intervention i "
            "LEFT JOIN cases_allocation al ON al.intervention_id = i.id WHERE i.case_id = %s "
            "ORDER BY i.starts_on, i.id",
            [case_id],
        )
    elif tab == "evaluatie":
        db.rows(
            "SELECT * FROM cases_evaluation WHERE case_id = %s ORDER BY planned_on, id", [case_id]
        )
    else:  # geschiedenis
        db.rows(
            "SELECT r.*, p.first_name, p.last_name FROM cases_report r "
            "JOIN residents_resident p ON p.id = r.resident_id WHERE r.case_id = %s "
            "ORDER BY r.received_at DESC",
            [case_id],
        )
        db.rows(
            "SELECT a.*, u.first_name, u.last_name, b.first_name, b.last_name "
            "FROM cases_coordinatorassignment a JOIN accounts_user u ON u.id = a.coordinator_id "
            "JOIN accounts_user b ON b.id = a.assigned_by_id WHERE a.case_id = %s "
            "ORDER BY a.started_at, a.id",
            [case_id],
        )
        db.rows(
            "SELECT t.*, u.first_name, u.last_name FROM cases_casetransition t "
            "JOIN accounts_user u ON u.id = t.by_id WHERE t.case_id = %s ORDER BY t.at, t.id",
            [case_id],
        )


def case_tab(db: Raw, a: Actor, n: int) -> None:
    """One stage tab: the frame, that tab's section, the access-log entry."""
    tab = CASE_TABS[n % len(CASE_TABS)]
    case_id = int(_pick(a.cases, n // len(CASE_TABS)))
    db.begin()
    _household, residents, role, org = _case_frame(db, a, case_id)
    _tab_section(db, tab, case_id)
    log(db, a, action="read", residents=[r[0] for r in residents], role=role, organisation=org,
        object_type="cases.Case", object_id=str(case_id), purpose=f"casus geopend: {tab}")  # fmt: skip
    db.commit()


def _resident_search(db: Raw, a: Actor, where: str, params: list[Any], purpose: str) -> None:
    db.begin()
    member, leader, role, org = teams_of(db, a.user_id)
    found = db.rows(
        "SELECT r.id, r.first_name, r.name_prefix, r.last_name, r.date_of_birth, r.bsn, "
        "h.name, n.name FROM residents_resident r "
        "JOIN residents_household h ON h.id = r.household_id "
        "LEFT JOIN organisation_neighbourhood n ON n.id = r.neighbourhood_id "
        f"WHERE ({where}) AND (r.intake_team_id IN ({ids(member)}) "
        f"OR EXISTS (SELECT 1 FROM cases_case c WHERE c.household_id = r.household_id AND "
        f"{case_scope_where('c', a.user_id, member, leader)}) "
        f"OR EXISTS (SELECT 1 FROM cases_report rp WHERE rp.resident_id = r.id "
        f"AND rp.team_id IN ({ids(member)}))) "
        "ORDER BY r.last_name, r.first_name LIMIT 50",
        params,
    )
    log(
        db,
        a,
        action="search",
        residents=[r[0] for r in found],
        role=role,
        organisation=org,
        purpose=purpose,
    )
    db.commit()


def search_name(db: Raw, a: Actor, n: int) -> None:
    name = _pick(a.names, n)
    prefix = name[: max(3, len(name) - 2)].upper() + "%"
    _resident_search(
        db,
        a,
        "UPPER(r.last_name) LIKE %s OR UPPER(r.first_name) LIKE %s",
        [prefix, prefix],
        "zoeken op naam",
    )


def search_bsn(db: Raw, a: Actor, n: int) -> None:
    _resident_search(db, a, "r.bsn = %s", [_pick(a.bsns, n)], "zoeken op BSN")


def caseload(db: Raw, a: Actor, n: int) -> None:
    db.begin()
    member, leader, role, org = teams_of(db, a.user_id)
    scope = case_scope_where("c", a.user_id, member, leader)
    db.one(f"SELECT COUNT(*) FROM cases_case c WHERE {scope}")
    page = db.rows(
        "SELECT c.id, c.state, c.opened_on, c.household_id, h.name, t.name, u.first_name, u.last_name "
        "FROM cases_case c JOIN residents_household h ON h.id = c.household_id "
        "JOIN organisation_team t ON t.id = c.team_id JOIN accounts_user u ON u.id = c.coordinator_id "
        f"WHERE {scope} ORDER BY c.opened_on DESC, c.id DESC LIMIT 25 OFFSET {25 * (n % 3)}"
    )
    residents = db.rows(
        f"SELECT id, household_id FROM residents_resident WHERE household_id IN ({ids([p[3] for p in page])})"
    )
    log(
        db,
        a,
        action="read",
        residents=[r[0] for r in residents],
        role=role,
        organisation=org,
        purpose="caseload bekeken",
    )
    db.commit()


def plan_change(db: Raw, a: Actor, n: int) -> None:
    case_id = int(_pick(a.plan_cases, n))
    db.begin()
    _member, _leader, role, org = teams_of(db, a.user_id)
    plan = db.one(
        f"SELECT id, version FROM cases_plan WHERE case_id = %s{db.for_update}", [case_id]
    )
    assert plan is not None
    goals = db.rows(
        'SELECT id, text, status, domain_id FROM cases_goal WHERE plan_id = %s ORDER BY "order", id',
        [plan[0]],
    )
    actions = db.rows(
        "SELECT id, description, owner_kind, owner_name, due_on, status FROM cases_action WHERE plan_id = %s ORDER BY due_on, id",
        [plan[0]],
    )
    text = goals[0][1]
    text = text[:-12] if text.endswith(" (bijgewerkt)") else text + " (bijgewerkt)"
    db.execute("UPDATE cases_goal SET text = %s WHERE id = %s", [text, goals[0][0]])
    now = datetime.datetime.now(UTC)
    db.execute(
        "UPDATE cases_plan SET version = version + 1, updated_at = %s WHERE id = %s", [now, plan[0]]
    )
    snapshot = {
        "version": plan[1] + 1,
        "goals": [
            {"id": g[0], "text": text if i == 0 else g[1], "status": g[2]}
            for i, g in enumerate(goals)
        ],
        "actions": [
            {"id": x[0], "description": x[1], "owner_kind": x[2], "status": x[5]} for x in actions
        ],
    }
    db.execute(
        "INSERT INTO cases_planversion (plan_id, number, snapshot, changes, changed_by_id, changed_at) "
        "VALUES (%s, %s, %s, %s, %s, %s)",
        [
            plan[0],
            plan[1] + 1,
            json.dumps(snapshot),
            json.dumps(["doel gewijzigd"]),
            a.user_id,
            now,
        ],
    )
    audit(db, a, "update", "cases.Plan", plan[0], {"goals": ["", ""]})
    household = db.one("SELECT household_id FROM cases_case WHERE id = %s", [case_id])
    assert household is not None
    residents = db.rows("SELECT id FROM residents_resident WHERE household_id = %s", [household[0]])
    log(
        db, a, action="change", residents=[r[0] for r in residents], role=role, organisation=org,
        object_type="cases.Plan", object_id=str(plan[0]), purpose="plan gewijzigd",
    )  # fmt: skip
    db.commit()


def decision(db: Raw, a: Actor, n: int) -> tuple[float, float]:
    """Aanvraag, then besluit: returns the seconds of each, like the two pages."""
    case_id = int(_pick(a.decision_cases, n))
    started = time.perf_counter()
    db.begin()
    _member, _leader, role, org = teams_of(db, a.user_id)
    resident = db.one(
        "SELECT r.id FROM residents_resident r JOIN cases_case c ON c.household_id = r.household_id WHERE c.id = %s ORDER BY r.id",
        [case_id],
    )
    assert resident is not None
    day = today()
    now = datetime.datetime.now(UTC)
    row = db.one(
        "INSERT INTO cases_decision (case_id, resident_id, law, product_category, product_code, volume, "
        "unit, frequency, starts_on, ends_on, budget, requested_on, status, outcome, motivation, "
        "legal_basis, deviates_from_protocol, deviation_justification, needs_second_approval, "
        "created_by_id, created_at) VALUES (%s, %s, 'wmo', '02', '', 3, '04', '2', %s, %s, NULL, %s, "
        "'aangevraagd', '', '', '', FALSE, '', FALSE, %s, %s) RETURNING id",
        [case_id, resident[0], day, day + datetime.timedelta(weeks=26), day, a.user_id, now],
    )
    assert row is not None
    db.execute(
        "INSERT INTO cases_trackedterm (case_id, key, variant, starts_on, due_on, met_on, decision_id) "
        "VALUES (%s, 'wmo_beschikking', '', %s, %s, NULL, %s)",
        [case_id, day, day + datetime.timedelta(days=14), row[0]],
    )
    audit(db, a, "create", "cases.Decision", row[0], {})
    log(db, a, action="create", residents=[resident[0]], role=role, organisation=org,
        object_type="cases.Decision", object_id=str(row[0]), purpose="aanvraag vastgelegd")  # fmt: skip
    db.commit()
    middle = time.perf_counter()
    db.begin()
    teams_of(db, a.user_id)
    db.one(f"SELECT id, status FROM cases_decision WHERE id = %s{db.for_update}", [row[0]])
    db.rows(
        "SELECT m.* FROM organisation_mandaterule m JOIN cases_case c ON c.team_id = m.team_id "
        "WHERE c.id = %s AND m.role IN ('generalist', 'beslisser')",
        [case_id],
    )
    db.execute(
        "UPDATE cases_decision SET status = 'besloten', outcome = 'toegekend', motivation = %s, "
        "legal_basis = 'wmo_2_3_5', decided_by_id = %s, decided_at = %s WHERE id = %s",
        ["Gemotiveerd besluit.", a.user_id, datetime.datetime.now(UTC), row[0]],
    )
    db.execute(
        "UPDATE cases_trackedterm SET met_on = %s WHERE decision_id = %s AND met_on IS NULL",
        [day, row[0]],
    )
    audit(db, a, "update", "cases.Decision", row[0], {"status": ["aangevraagd", "besloten"]})
    log(db, a, action="change", residents=[resident[0]], role=role, organisation=org,
        object_type="cases.Decision", object_id=str(row[0]), purpose="besluit genomen")  # fmt: skip
    db.commit()
    return middle - started, time.perf_counter() - middle


RAW: dict[str, Callable[[Raw, Actor, int], Any]] = {
    "queue": queue,
    "case_page": case_page,
    "case_tab": case_tab,
    "search_name": search_name,
    "search_bsn": search_bsn,
    "plan_change": plan_change,
    "caseload": caseload,
    "team_overview": team_overview,
}


def measure(db: Raw, op: str, actor: Actor, n: int) -> dict[str, float]:
    """Seconds per measured sample of one raw run of ``op`` (two samples for a decision)."""
    if op == "decision":
        first, second = decision(db, actor, n)
        return {"decision_request": first, "decision_take": second}
    started = time.perf_counter()
    RAW[op](db, actor, n)
    return {op: time.perf_counter() - started}
