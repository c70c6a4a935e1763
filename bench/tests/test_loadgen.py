"""The load generator: round robin over several servers, virtual users as processes."""

import http.server
import os
import threading

import pytest

from bench.loadgen import HttpSession, Sample, flow, run_load, sample


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = str(self.server.server_port).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Query-Count", "3")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        return None


@pytest.fixture
def servers():
    started = []
    for _ in range(2):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
    yield [s.server_port for s in started]
    for s in started:
        s.shutdown()
        s.server_close()


def test_only_loopback():
    with pytest.raises(ValueError, match=r"127\.0\.0\.1"):
        HttpSession(80, host="10.0.0.1")


def test_round_robin_over_two_servers(servers):
    session = HttpSession(servers)
    seen = [int(session.get("/").body) for _ in range(6)]
    session.close()
    assert seen == [servers[0], servers[1]] * 3


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_virtual_users_are_processes_and_the_count_is_bounded(servers):
    parent = os.getpid()
    sessions = [HttpSession(servers) for _ in range(3)]

    def pick(_index, _n):
        def task(session, _m):
            r = session.get("/")
            return [sample("op", r, note=str(os.getpid()))]

        return task

    stats = run_load(sessions=sessions, pick=pick, requests=30, time_limit=30)
    assert len(stats.samples) == 30
    assert all(s.ok and s.queries == 3 for s in stats.samples)
    pids = {s.note for s in stats.samples}
    assert str(parent) not in pids
    assert 1 <= len(pids) <= 3
    assert stats.stopped_by == "requests"


def test_a_write_counts_its_http_requests():
    parts = [
        Sample("form", 200, True, 5.0, 4, 1.0, 0.0, 4.0),
        Sample("post", 302, True, 9.0, 20, 3.0, 1.0, 8.0),
        Sample("redirect", 200, True, 6.0, 12, 2.0, 0.5, 5.0),
    ]
    done = flow("plan_change", parts)
    assert done.http_requests == 3 and done.ok
    assert done.ms == 20.0 and done.queries == 20  # the POST's queries (the budget's measure)
    parts[2] = Sample("redirect", 500, False, 6.0, -1, 0.0, 0.0, 0.0, note="kapot")
    failed = flow("plan_change", parts)
    assert not failed.ok and failed.status == 500 and "kapot" in failed.note
