"""A bounded HTTP load generator on loopback, standard library only (http.client, processes).

- Only ``127.0.0.1`` is ever a target (``HttpSession`` refuses any other host).
- Every run is bounded twice: a fixed number of requests and a time limit; it stops by itself.
- Virtual users log in through the real log-in and TOTP pages (codes from ``django_otp.oath``)
  and then reuse their session cookie, as a browser would.
- Each virtual user is its own process (``multiprocessing``, fork), so the generator's Python
  does not serialise the users behind one interpreter lock.
- A session given several ports sends its requests to them in turn (round robin): two app
  servers behind a simple load balancer; they share their sessions through Redis.
"""

import http.client
import math
import multiprocessing
import re
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

LOOPBACK = "127.0.0.1"


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    @property
    def queries(self) -> int:
        return int(self.headers.get("x-query-count", "-1"))

    def header_ms(self, name: str) -> float:
        return float(self.headers.get(name, "nan"))

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class LoginError(RuntimeError):
    pass


class HttpSession:
    """One browser-like client: a keep-alive connection (reopened when the server closes it)
    and a cookie jar for this host."""

    def __init__(
        self, port: int | Sequence[int], host: str = LOOPBACK, timeout: float = 60.0
    ) -> None:
        if host != LOOPBACK:
            raise ValueError("de load generator benadert alleen 127.0.0.1")
        self.host = host
        self.ports = [port] if isinstance(port, int) else list(port)
        if not self.ports:
            raise ValueError("geen poort")
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self._conns: dict[int, http.client.HTTPConnection] = {}
        self._turn = 0

    @property
    def port(self) -> int:
        """The port of the next request (round robin over ``ports``)."""
        return self.ports[self._turn % len(self.ports)]

    def _connection(self) -> http.client.HTTPConnection:
        port = self.port
        if port not in self._conns:
            self._conns[port] = http.client.HTTPConnection(self.host, port, timeout=self.timeout)
        return self._conns[port]

    def _close_current(self) -> None:
        conn = self._conns.pop(self.port, None)
        if conn is not None:
            conn.close()

    def close(self) -> None:
        for conn in self._conns.values():
            conn.close()
        self._conns = {}

    def share_cookies(self, other: "HttpSession") -> None:
        self.cookies = dict(other.cookies)

    @property
    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")

    def request(self, method: str, path: str, data: dict[str, Any] | None = None) -> Response:
        headers = {"Host": f"{self.host}:{self.port}", "Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            payload = dict(data or {})
            payload.setdefault("csrfmiddlewaretoken", self.csrf)
            body = urllib.parse.urlencode(payload, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        for attempt in (1, 2):
            conn = self._connection()
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                raw = conn.getresponse()
                content = raw.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                self._close_current()
                if attempt == 2:
                    self._turn += 1
                    raise
                continue
            seconds = time.perf_counter() - started
            break
        response_headers = {k.lower(): v for k, v in raw.getheaders()}
        for key, value in raw.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if "max-age=0" in value.lower() or "expires=thu, 01 jan 1970" in value.lower():
                    self.cookies.pop(name.strip(), None)
                elif name.strip() in ("sessionid", "csrftoken"):
                    self.cookies[name.strip()] = cookie_value
        if raw.will_close:
            self._close_current()
        self._turn += 1
        return Response(raw.status, response_headers, content, seconds)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, Any]) -> Response:
        return self.request("POST", path, data)

    def login(self, username: str, password: str, totp_key_hex: str) -> None:
        """The real flow: log-in page, password, then the TOTP code page."""
        from django_otp.oath import totp

        self.get("/inloggen/")
        r = self.post("/inloggen/", {"username": username, "password": password})
        if r.status != 302 or "verificatie" not in r.location:
            raise LoginError(f"{username}: wachtwoord geweigerd ({r.status})")
        key = bytes.fromhex(totp_key_hex)
        for _ in range(3):
            code = f"{totp(key, step=30, t0=0, digits=6):06d}"
            r = self.post("/inloggen/verificatie/", {"otp_token": code})
            if r.status == 302:
                return
            # The same code cannot be used twice (replay protection): wait for the next step.
            time.sleep(30 - time.time() % 30 + 0.5)
        raise LoginError(f"{username}: TOTP-code geweigerd")


class FormParser(HTMLParser):
    """Collects the fields of every <form method=post> as a browser would submit them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {
                "action": a.get("action", ""),
                "method": a.get("method", "get").lower(),
                "fields": [],
            }
            self.forms.append(self._form)
        if self._form is None:
            return
        fields = self._form["fields"]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a and not self._select_chosen:
                fields.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag: str) -> None:
        if self._form is None:
            return
        if tag == "select" and self._select is not None:
            if not self._select_chosen and self._select_first is not None:
                self._form["fields"].append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form["fields"].append((self._textarea, "".join(self._text)))
            self._textarea = None
        elif tag == "form":
            self._form = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)


def post_forms(html: str) -> list[dict[str, Any]]:
    parser = FormParser()
    parser.feed(html)
    return [f for f in parser.forms if f["method"] == "post"]


ERROR_RE = re.compile(r'class="[^"]*(?:error|invalid)[^"]*"[^>]*>\s*([^<]{3,200})', re.I)


def error_text(html: str) -> str:
    """The first error messages a re-rendered form shows, for a clear failure report."""
    found = [m.strip() for m in ERROR_RE.findall(html)]
    return " | ".join(dict.fromkeys(found))[:300]


# ---------------------------------------------------------------------------------------------
# running a bounded load
# ---------------------------------------------------------------------------------------------


@dataclass
class Sample:
    op: str
    status: int
    ok: bool
    ms: float
    queries: int
    db_ms: float
    log_ms: float
    app_ms: float
    note: str = ""
    http_requests: int = 1  # a write as the user does it: form, POST, the page it leads to


def flow(op: str, parts: Sequence[Sample]) -> Sample:
    """One user action made of several HTTP requests (form GET, POST, redirect followed):
    its time is their sum; its queries and server times are the POST's (the query budget's
    measure), it fails when any request failed."""
    main = next((p for p in parts if p.op == "post"), parts[-1])
    failed = [p for p in parts if not p.ok]
    return Sample(
        op=op,
        status=(failed[0] if failed else main).status,
        ok=not failed,
        ms=sum(p.ms for p in parts),
        queries=main.queries,
        db_ms=sum(p.db_ms for p in parts),
        log_ms=sum(p.log_ms for p in parts),
        app_ms=sum(p.app_ms for p in parts),
        note="; ".join(p.note for p in failed if p.note)[:300],
        http_requests=len(parts),
    )


@dataclass
class RunStats:
    samples: list[Sample] = field(default_factory=list)
    seconds: float = 0.0
    stopped_by: str = "requests"


Task = Callable[[HttpSession, int], list[Sample]]


def run_load(
    *,
    sessions: Sequence[HttpSession],
    pick: Callable[[int, int], Task],
    requests: int,
    time_limit: float,
) -> RunStats:
    """Closed loop: ``len(sessions)`` processes (forked), each doing ``pick(index, n)`` tasks
    back to back until ``requests`` tasks have been started or ``time_limit`` seconds passed.

    The caller closes its database connections before (the children inherit the process).
    """
    ctx = multiprocessing.get_context("fork")
    counter = ctx.Value("l", 0)
    results: Any = ctx.Queue()
    deadline = time.monotonic() + time_limit

    def worker(index: int) -> None:
        session = sessions[index]
        local: list[Sample] = []
        stopped = "requests"
        while True:
            with counter.get_lock():
                if counter.value >= requests:
                    break
                if time.monotonic() >= deadline:
                    stopped = "time"
                    break
                n = counter.value
                counter.value += 1
            try:
                local.extend(pick(index, n)(session, n))
            except Exception as exc:
                local.append(Sample("error", 0, False, 0.0, -1, 0.0, 0.0, 0.0, repr(exc)[:200]))
        session.close()
        results.put((stopped, local))

    started = time.monotonic()
    procs = [ctx.Process(target=worker, args=(i,), daemon=True) for i in range(len(sessions))]
    for p in procs:
        p.start()
    stats = RunStats()
    for _ in procs:
        try:
            stopped, local = results.get(timeout=time_limit + 120)
        except Exception:  # a child died: what arrived is reported
            stats.stopped_by = "error"
            break
        stats.samples.extend(local)
        if stopped == "time":
            stats.stopped_by = "time"
    stats.seconds = time.monotonic() - started
    for p in procs:
        p.join(timeout=10)
        if p.is_alive():
            p.kill()
    return stats


def sample(op: str, r: Response, expected: Sequence[int] = (200,), note: str = "") -> Sample:
    return Sample(
        op=op,
        status=r.status,
        ok=r.status in expected,
        ms=r.seconds * 1000,
        queries=r.queries,
        db_ms=r.header_ms("x-db-ms"),
        log_ms=r.header_ms("x-log-ms"),
        app_ms=r.header_ms("x-app-ms"),
        note=note,
    )


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0–100) of a non-empty sequence."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]
