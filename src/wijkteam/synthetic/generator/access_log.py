"""Stage: the access log with its HMAC-SHA256 chain (signed with the configured key)."""

import bisect
import datetime
import hashlib
import hmac
import json
import queue
import random
import threading
import time
from typing import Any

from django.db import connection

from wijkteam.privacy import access_log_keys
from wijkteam.privacy.access_log import GENESIS
from wijkteam.privacy.models import AccessLogEntry, AccessLogHead, AccessLogResident

from ..writer import next_id
from .base import _GeneratorBase
from .records import _aware


class _AccessLogStage(_GeneratorBase):
    # ---------------------------------------------------------------------------------------
    # the access log with its hash chain
    # ---------------------------------------------------------------------------------------

    def access_log(self) -> None:
        """``size.access_log`` entries over the years, each hashed onto the previous one.

        The canonical JSON of ``privacy.access_log.entry_digest`` is assembled from pre-encoded
        pieces (the same bytes as ``json.dumps(sort_keys=True, separators=(",", ":"),
        ensure_ascii=False)``; the tests prove it with ``verify_chain``). On PostgreSQL outside a
        transaction, a second connection COPYs one batch while the next is being generated.
        """
        started = time.monotonic()
        rng = random.Random(self.seed + 2)  # noqa: S311 - synthetic data, not security
        total = self.size.access_log
        head = AccessLogHead.objects.filter(id=1).first()
        prev = head.last_hash if head else GENESIS
        entry_id = next_id(AccessLogEntry)
        resident_row_id = first_resident_row = next_id(AccessLogResident)
        last_id = entry_id - 1
        cases = sorted(self.cases, key=lambda c: (c.opened, c.case_id))
        opened = [c.opened for c in cases]
        teams = self.teams
        households = self.households
        members = self.members
        start_dt = _aware(self.start, 0)
        span_us = int((self.end - self.start).days * 86400 * 1e6)
        step = span_us / max(1, total)
        t = 0.0
        postgres = connection.vendor == "postgresql"
        entry_cols = [
            "id", "at", "user_id", "user_name", "user_role", "organisation_name", "on_behalf_of",
            "action", "object_type", "object_id", "purpose", "resident_ids", "request_id",
            "prev_hash", "hash", "key_id",
        ]  # fmt: skip
        res_cols = ["id", "entry_id", "resident_id", "at"]
        entry_table = AccessLogEntry._meta.db_table
        res_table = AccessLogResident._meta.db_table

        def js(value: str) -> str:
            return json.dumps(value, ensure_ascii=False)

        # Pre-encoded JSON pieces per member: the user part of the payload, sorted by key.
        tail = {
            m.user_id: f',"user":{m.user_id},"user_name":{js(m.username)},"user_role":{js(m.role_label)}}}'
            for m in members
        }
        org = {m.user_id: js(m.organisation_name) for m in members}
        kinds = [
            (0.78, "read", "cases.Case", "casus geopend"),
            (0.84, "read", "", "werkvoorraad bekeken"),
            (0.91, "search", "", "zoeken op naam"),
            (0.97, "change", "cases.Case", "fase van de casus gewijzigd"),
            (0.99, "create", "cases.Report", "melding geregistreerd"),
            (1.01, "refused", "", ""),
        ]
        heads = {
            k[1:]: (
                f'{{"action":{js(k[1])},"at":"',
                f',"object_type":{js(k[2])},"on_behalf_of":"","organisation":',
                js(k[3]),
            )
            for k in kinds
        }

        writer = (
            _CopyThread(entry_table, entry_cols, res_table, res_cols)
            if postgres and not connection.in_atomic_block
            else None
        )
        lines: list[str] = []
        res_lines: list[str] = []
        rows: list[tuple[Any, ...]] = []
        res_rows: list[tuple[Any, ...]] = []
        dumps = json.dumps
        key_id = access_log_keys.signing_key_id()
        signer = hmac.new(access_log_keys.keys()[key_id], digestmod=hashlib.sha256)
        key_part = f',"key":{js(key_id)}'
        timedelta = datetime.timedelta
        rand = rng.random
        randrange = rng.randrange
        expovariate = rng.expovariate
        getrandbits = rng.getrandbits
        bisect_left = bisect.bisect_left
        bisect_right = bisect.bisect_right
        try:
            for n in range(total):
                t += expovariate(1.0) * step
                at = start_dt + timedelta(microseconds=min(int(t), span_us - 1))
                day = at.toordinal()
                lo = bisect_left(opened, day - 365)
                hi = bisect_right(opened, day)
                if hi <= lo:
                    hi = max(hi, 1)
                    lo = max(0, hi - 50)
                case = cases[randrange(lo, hi)]
                r = rand()
                for limit, action, object_type, purpose in kinds:  # noqa: B007 - used after break
                    if r < limit:
                        break
                hh = households[case.household_index]
                team = teams[case.team_index]
                user = (
                    case.coordinator
                    if rand() < 0.75
                    else team.members[randrange(len(team.members))]
                )
                object_id = ""
                if object_type == "cases.Case":
                    object_id = str(case.case_id)
                    residents = hh.resident_ids
                elif object_type == "cases.Report":
                    object_id = str(case.case_id)
                    residents = [hh.head_id]
                elif action == "refused":
                    residents = hh.resident_ids
                else:
                    other = households[team.households[randrange(len(team.households))]]
                    residents = sorted(set(hh.resident_ids) | {other.head_id})
                resident_json = dumps(residents, separators=(",", ":"))
                request_id = "%032x" % getrandbits(128)  # noqa: UP031 - hot loop
                at_iso = at.isoformat()
                head_a, head_b, purpose_js = heads[(action, object_type, purpose)]
                if action == "refused":
                    user = members[randrange(len(members))]
                    purpose = f"geweigerd: casus {case.case_id} buiten bereik"
                    purpose_js = js(purpose)
                canonical = (
                    f'{head_a}{at_iso}"{key_part},"object_id":"{object_id}"{head_b}{org[user.user_id]},'
                    f'"prev":"{prev}","purpose":{purpose_js},"request_id":"{request_id}",'
                    f'"residents":{resident_json}{tail[user.user_id]}'
                )
                mac = signer.copy()
                mac.update(canonical.encode())
                digest = mac.hexdigest()
                if postgres:
                    lines.append(
                        f"{entry_id}\t{at_iso}\t{user.user_id}\t{user.username}\t{user.role_label}\t"
                        f"{user.organisation_name}\t\t{action}\t{object_type}\t{object_id}\t"
                        f"{purpose}\t{resident_json}\t{request_id}\t{prev}\t{digest}\t{key_id}\n"
                    )
                    for rid in residents:
                        res_lines.append(f"{resident_row_id}\t{entry_id}\t{rid}\t{at_iso}\n")
                        resident_row_id += 1
                else:
                    naive = at.replace(tzinfo=None).isoformat(" ")
                    rows.append(
                        (entry_id, naive, user.user_id, user.username, user.role_label,
                         user.organisation_name, "", action, object_type, object_id, purpose,
                         resident_json, request_id, prev, digest, key_id)
                    )  # fmt: skip
                    for rid in residents:
                        res_rows.append((resident_row_id, entry_id, rid, naive))
                        resident_row_id += 1
                prev = digest
                last_id = entry_id
                entry_id += 1
                if (n + 1) % 50000 == 0 or n + 1 == total:
                    if writer is not None:
                        writer.put("".join(lines), "".join(res_lines))
                        lines, res_lines = [], []
                    elif postgres:
                        self.w.write_copy_text(entry_table, entry_cols, "".join(lines))
                        self.w.write_copy_text(res_table, res_cols, "".join(res_lines))
                        lines, res_lines = [], []
                    else:
                        self.w.write(entry_table, entry_cols, rows)
                        self.w.write(res_table, res_cols, res_rows)
                        rows, res_rows = [], []
                    if (n + 1) % 1_000_000 == 0:
                        self.say(
                            f"toegangslog: {n + 1:,} van {total:,} "
                            f"({time.monotonic() - started:.0f} s)"
                        )
        finally:
            if writer is not None:
                writer.close()
        if total:
            AccessLogHead.objects.update_or_create(
                id=1, defaults={"last_hash": prev, "last_entry_id": last_id, "key_id": key_id}
            )
        self.result.chain_head = prev
        self.result.counts["toegangslog"] = total
        self.result.counts["toegangslog per inwoner"] = resident_row_id - first_resident_row
        self.say(f"toegangslog: {total:,} regels ({time.monotonic() - started:.0f} s)")
        self._timed("toegangslog", started)


class _CopyThread:
    """Writes COPY batches on its own connection while the generator makes the next batch."""

    def __init__(
        self, table: str, columns: list[str], res_table: str, res_columns: list[str]
    ) -> None:
        self.conn = connection.get_new_connection(connection.get_connection_params())
        self.conn.autocommit = True
        self.targets = [
            (f'COPY "{table}" ({", ".join(columns)}) FROM STDIN'),
            (f'COPY "{res_table}" ({", ".join(res_columns)}) FROM STDIN'),
        ]
        self.queue: queue.Queue[tuple[str, str] | None] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            with self.conn.cursor() as cur:
                cur.execute("SET synchronous_commit = off")
                while (item := self.queue.get()) is not None:
                    for sql, text in zip(self.targets, item, strict=True):
                        with cur.copy(sql) as copy:
                            copy.write(text)
        except BaseException as exc:
            self.error = exc
            while self.queue.get() is not None:  # drain so that put() never blocks
                pass

    def put(self, entries: str, residents: str) -> None:
        if self.error is not None:
            raise RuntimeError("toegangslog schrijven mislukt") from self.error
        self.queue.put((entries, residents))

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        self.conn.close()
        if self.error is not None:
            raise RuntimeError("toegangslog schrijven mislukt") from self.error
