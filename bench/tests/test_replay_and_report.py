"""The raw floor's bookkeeping and the report's ratios to the empty page."""

from bench.loadgen import Sample
from bench.replay import Captured, split
from bench.report import engine_report, ratio


def test_savepoints_are_left_out_of_a_replay():
    c = Captured("GET", "/", ['SAVEPOINT "s1_x1"', "SELECT 1", 'RELEASE SAVEPOINT "s1_x1"'])
    assert c.replayable() == ["SELECT 1"]


def test_split_gives_each_sample_its_requests():
    samples = [
        Sample("decision_request", 302, True, 1, 1, 0, 0, 0, http_requests=3),
        Sample("decision_take", 302, True, 1, 1, 0, 0, 0, http_requests=3),
    ]
    captured = [Captured("GET", str(i)) for i in range(6)]
    parts = split(samples, captured)
    assert [k for k, _ in parts] == ["decision_request", "decision_take"]
    assert [c.path for c in parts[1][1]] == ["3", "4", "5"]


def _row(p50, queries=10, errors=0):
    return {
        "p50_ms": p50, "p95_ms": p50 * 2, "app_ms_median": p50 * 0.8, "db_ms_median": 1.0,
        "queries_max": queries, "errors": errors, "error_examples": [],
    }  # fmt: skip


def test_report_gives_ratios_to_the_empty_page_and_no_met_from_noise():
    res = {
        "engine": "postgresql", "size": "town", "database": "hbench_town", "skipped": {},
        "settings": {"concurrency": 8, "workers": 5, "worker_class": "sync", "cpus": 2},
        "sequential": {"empty": _row(2.0), "case_page": _row(20.0)},
        "concurrent": {"empty": _row(8.0), "case_page": _row(60.0)},
        "reference": {"rps": 400.0},
        "mixed": {"requests": 900, "actions": 700, "seconds": 10.0, "rps": 90.0, "errors": 0,
                  "stopped_by": "requests"},
        "raw": {"case_page": {"p50_ms": 5.0}},
        "access_log_ab": {"with_p50_ms": 20, "without_p50_ms": 21, "overhead": -0.03,
                          "low": -0.2, "high": 0.15, "rounds": 400, "narrow": False,
                          "verdict": "inconclusive", "below_noise": True},
    }  # fmt: skip
    text = "\n".join(engine_report(res))
    assert ratio(20.0, 2.0) == 10.0
    assert "22.5% van de lege pagina" in text
    assert "    10.0" in text  # the case page: 10 × the empty page
    assert "ONBESLIST" in text and "ruis" in text
    assert "toegangslog ≤ 10% van de casuspagina: ja" not in text


def test_child_arguments_drop_the_cache_choice():
    from bench.run import _without_cache

    assert _without_cache(["--size", "town", "--cache", "local", "--instances", "2"]) == [
        "--size", "town", "--instances", "2",
    ]  # fmt: skip
    assert _without_cache(["--cache=redis", "--no-ab"]) == ["--no-ab"]
