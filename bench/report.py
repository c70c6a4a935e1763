"""Summaries of samples and the printed report, with every figure also as a ratio to the
reference operation (an empty page through the full middleware stack, measured in the same
run): ``× leeg`` is an operation's seq p50 over the empty page's, ``% leeg`` the mixed
throughput as a share of the empty page's throughput under the same load."""

import math
import statistics
from typing import Any

from bench import abtest
from bench.loadgen import Sample, percentile

TARGETS = {
    "p95_ms": 50.0,
    "queries": 15,
    "app_raw": 3.0,
    "log_overhead": 0.10,
    "share_of_empty": 0.25,
}


def summarise(samples: list[Sample]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for op in sorted({s.op for s in samples}):
        mine = [s for s in samples if s.op == op]
        ok = [s for s in mine if s.ok]
        ms = [s.ms for s in ok]
        queries = [s.queries for s in ok if s.queries >= 0]

        def median(values: list[float]) -> float | None:
            clean = [v for v in values if not math.isnan(v)]
            return round(statistics.median(clean), 2) if clean else None

        out[op] = {
            "requests": len(mine),
            "http_requests": sum(s.http_requests for s in mine),
            "errors": len(mine) - len(ok),
            "error_examples": sorted({f"{s.status} {s.note}".strip() for s in mine if not s.ok})[
                :3
            ],
            "p50_ms": round(statistics.median(ms), 2) if ms else None,
            "p95_ms": round(percentile(ms, 95), 2) if ms else None,
            "max_ms": round(max(ms), 2) if ms else None,
            "queries_median": statistics.median(queries) if queries else None,
            "queries_max": max(queries) if queries else None,
            "db_ms_median": median([s.db_ms for s in ok]),
            "log_ms_median": median([s.log_ms for s in ok]),
            "app_ms_median": median([s.app_ms for s in ok]),
        }
    return out


def ratio(a: float | None, b: float | None) -> float:
    if not a or not b:
        return math.nan
    return round(a / b, 3)


def _f(value: float | None, digits: int = 1, width: int = 8) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return f"{'–':>{width}}"
    return f"{value:>{width}.{digits}f}"


def _yes(ok: bool) -> str:
    return "ja" if ok else "NEE"


def _worst(values: dict[str, float]) -> tuple[str, float]:
    return max(values.items(), key=lambda kv: kv[1]) if values else ("–", math.nan)


def engine_report(res: dict[str, Any]) -> list[str]:
    from bench.ops import OPERATIONS, SAMPLE_LABELS

    key_pages = {o.key for o in OPERATIONS if o.key_page} | {"decision_request", "decision_take"}
    s = res["settings"]
    seq_all, conc_all, raw_all = (
        res.get("sequential", {}),
        res.get("concurrent", {}),
        res.get("raw", {}),
    )
    empty_seq = (seq_all.get("empty") or {}).get("p50_ms")
    ref_rps = (res.get("reference") or {}).get("rps")
    lines = [
        "",
        f"== {res['engine']} · {res['size']} ({res.get('database', '')}) · {s['concurrency']} tegelijk "
        f"({s.get('load_generator', 'threads')}) · gunicorn {s.get('instances', 1)}× "
        f"{s['workers']}×{s['worker_class']} · cache {s.get('cache', '?')} · {s['cpus']} cpu's · "
        f"belasting (1 min) vooraf {res.get('load_average_before', ['?'])[0]}, "
        f"na afloop {res.get('load_average_after', ['?'])[0]} ==",
    ]  # fmt: skip
    header = (
        f"{'operatie':28} {'p50 ms':>8} {'p95 ms':>8} {'seq p50':>8} {'× leeg':>7} {'django':>8} "
        f"{'sql ms':>8} {'queries':>8} {'raw ms':>8} {'app/raw':>8} {'fouten':>7}"
    )
    lines += [header, "-" * len(header)]
    for key, label in SAMPLE_LABELS.items():
        conc, seq, raw = conc_all.get(key), seq_all.get(key), raw_all.get(key)
        if conc is None:
            reason = res["skipped"].get(key) or res["skipped"].get(
                "decision" if key.startswith("decision") else key, ""
            )
            lines.append(f"{label:28} {'— overgeslagen: ' + reason if reason else '—'}")
            continue
        seq_p50 = seq and seq["p50_ms"]
        lines.append(
            f"{label:28} {_f(conc['p50_ms'])} {_f(conc['p95_ms'])} {_f(seq_p50)} "
            f"{_f(ratio(seq_p50, empty_seq), 1, 7)} {_f(seq and seq['app_ms_median'])} "
            f"{_f(seq and seq['db_ms_median'], 2)} {_f(conc['queries_max'], 0)} "
            f"{_f(raw and raw['p50_ms'], 2)} {_f(ratio(seq_p50, raw and raw['p50_ms']), 2)} "
            f"{conc['errors'] + (seq['errors'] if seq else 0):>7}"
        )
        for example in conc["error_examples"]:
            lines.append(f"{'':28}   fout: {example}")
    lines.append(
        "p50/p95: onder last; seq p50: na elkaar; × leeg: seq p50 / die van de lege pagina; "
        "django: X-App-Ms; sql ms: X-Db-Ms; raw: dezelfde statements via de driver; schrijven = "
        "formulier + POST + doorverwijzing (queries: die van de POST)"
    )
    if raw_all:
        lines.append(
            f"raw: commit van een schrijfactie {raw_all.get('_commit_ms')} ms opgeteld; "
            f"{raw_all.get('_error_count', 0)} statements faalden bij het naspelen"
            + (f" (bv. {raw_all['_errors'][0]})" if raw_all.get("_errors") else "")
        )
    if ref_rps:
        lines.append(
            f"referentie: lege pagina {_f(empty_seq, 2, 0)} ms na elkaar, {ref_rps} verzoeken/s onder last"
        )
    mixed = res.get("mixed")
    share = ratio(mixed and mixed["rps"], ref_rps)
    if mixed:
        lines.append(
            f"gemengde werklast: {mixed['requests']} HTTP-verzoeken ({mixed['actions']} handelingen) "
            f"in {mixed['seconds']} s = {mixed['rps']} verzoeken/s = {_f(share * 100 if share == share else None, 1, 0)}% "
            f"van de lege pagina ({mixed['errors']} fouten, gestopt op {mixed['stopped_by']})"
        )
    ab = res.get("access_log_ab")
    if ab:
        lines.append(
            f"toegangslog op de casuspagina (A/B): {ab['with_p50_ms']} vs {ab['without_p50_ms']} ms; "
            + abtest.describe(ab)
        )
    lines.append("doelen (gehaald?):")
    p95 = {
        k: v["p95_ms"] for k, v in conc_all.items() if k in key_pages and v["p95_ms"] is not None
    }
    worst = _worst(p95)
    lines.append(
        f"  p95 ≤ {TARGETS['p95_ms']:.0f} ms op elke pagina: {_yes(worst[1] <= TARGETS['p95_ms'])} (hoogste: {worst[0]} {worst[1]} ms)"
    )
    qmax = {
        k: v["queries_max"]
        for k, v in conc_all.items()
        if k in key_pages and v["queries_max"] is not None
    }
    worst_q = _worst(qmax)
    lines.append(
        f"  ≤ {TARGETS['queries']} queries per pagina: {_yes(worst_q[1] <= TARGETS['queries'])} (hoogste: {worst_q[0]} {worst_q[1]})"
    )
    ratios = {k: ratio(seq_all[k]["p50_ms"], v["p50_ms"]) for k, v in raw_all.items()
              if not k.startswith("_") and k in seq_all}  # fmt: skip
    worst_r = _worst(ratios)
    if ratios:
        lines.append(
            f"  app / raw ≤ {TARGETS['app_raw']:.0f}: {_yes(worst_r[1] <= TARGETS['app_raw'])} (hoogste: {worst_r[0]} {worst_r[1]})"
        )
    else:
        lines.append(f"  app / raw ≤ {TARGETS['app_raw']:.0f}: niet gemeten (--no-raw)")
    if ab:
        words = {"met": "ja", "not met": "NEE", "inconclusive": "ONBESLIST"}
        lines.append(
            f"  toegangslog ≤ {TARGETS['log_overhead'] * 100:.0f}% van de casuspagina: {words[ab['verdict']]} (bovengrens {ab['high'] * 100:+.1f}%)"
        )
    if mixed and ref_rps:
        lines.append(
            f"  gemengd ≥ {TARGETS['share_of_empty'] * 100:.0f}% van de lege pagina: {_yes(share >= TARGETS['share_of_empty'])} ({share * 100:.1f}%)"
        )
    return lines


def report(results: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for res in results:
        lines += engine_report(res)
    return lines
