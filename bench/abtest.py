"""The access-log A/B comparison: paired rounds until the confidence interval is narrow.

Each round requests the same case page from server A (with its access-log write) and server B
(read-logging switched off), in alternating order, so other load on the machine hits both
alike. The estimate is the geometric mean of the paired ratios A/B (the mean of
``ln(a / b)``), with a 95 % confidence interval from the spread of those log ratios. Rounds
are added in batches until the interval's half width is at most ``precision`` (in ratio
terms, e.g. ±2 percentage points), or ``max_rounds`` is reached: then the result is reported
as inconclusive unless the whole interval lies on one side of the target.

The verdict uses the interval, never the point estimate alone: *met* only when its upper
bound is at most the target, *not met* when its lower bound is above it; a negative estimate
is reported as "not measurable above the noise", not as a success.
"""

import math
import statistics
from collections.abc import Callable, Sequence
from typing import Any

Z95 = 1.96


def estimate(a: Sequence[float], b: Sequence[float]) -> dict[str, Any]:
    """Overhead of A over B from paired samples: point estimate and 95 % interval (fractions)."""
    logs = [math.log(x / y) for x, y in zip(a, b, strict=True) if x > 0 and y > 0]
    n = len(logs)
    if n < 2:
        return {"rounds": n, "overhead": math.nan, "low": math.nan, "high": math.nan}
    mean = statistics.fmean(logs)
    half = Z95 * statistics.stdev(logs) / math.sqrt(n)
    return {
        "rounds": n,
        "overhead": round(math.exp(mean) - 1, 4),
        "low": round(math.exp(mean - half) - 1, 4),
        "high": round(math.exp(mean + half) - 1, 4),
        "half_width": round((math.exp(mean + half) - math.exp(mean - half)) / 2, 4),
    }


def verdict(result: dict[str, Any], target: float, precision: float) -> str:
    """``met``, ``not met`` or ``inconclusive`` (see the module's docstring)."""
    low, high = result.get("low", math.nan), result.get("high", math.nan)
    if math.isnan(low) or math.isnan(high):
        return "inconclusive"
    if high <= target:
        return "met"
    if low > target:
        return "not met"
    del precision  # a wide interval straddling the target decides nothing
    return "inconclusive"


def narrow(result: dict[str, Any], precision: float) -> bool:
    return bool(result.get("half_width", math.inf) <= precision)


def run_rounds(
    pair: Callable[[int, bool], tuple[float, float] | None],
    *,
    target: float,
    precision: float = 0.02,
    min_rounds: int = 40,
    batch: int = 20,
    max_rounds: int = 400,
    warmup: int = 6,
) -> dict[str, Any]:
    """Call ``pair(n, a_first)`` (→ ms of A and of B, or None on an error) until narrow."""
    a: list[float] = []
    b: list[float] = []
    errors = 0
    n = 0
    for w in range(warmup):
        pair(w, w % 2 == 0)
    result = estimate(a, b)
    while True:
        goal = max(min_rounds, len(a) + batch)
        while len(a) < goal and n < max_rounds + warmup + 50:
            got = pair(warmup + n, n % 2 == 0)
            n += 1
            if got is None:
                errors += 1
                continue
            a.append(got[0])
            b.append(got[1])
        result = estimate(a, b)
        if narrow(result, precision) or len(a) >= max_rounds or n >= max_rounds + warmup + 50:
            break
    result.update(
        errors=errors,
        narrow=narrow(result, precision),
        precision=precision,
        target=target,
        verdict=verdict(result, target, precision),
        with_p50_ms=round(statistics.median(a), 2) if a else None,
        without_p50_ms=round(statistics.median(b), 2) if b else None,
        below_noise=bool(a) and result["overhead"] < 0,
    )
    return result


def describe(ab: dict[str, Any]) -> str:
    """One line for the report, in Dutch like the rest of it."""
    words = {"met": "gehaald", "not met": "NIET gehaald", "inconclusive": "ONBESLIST"}
    pct = 100
    text = (
        f"+{ab['overhead'] * pct:.1f}% (95%-interval {ab['low'] * pct:+.1f}% … "
        f"{ab['high'] * pct:+.1f}%, {ab['rounds']} rondes"
        f"{'' if ab['narrow'] else ', interval niet smal genoeg'}): {words[ab['verdict']]}"
    )
    if ab.get("below_noise"):
        text += " — schatting negatief: niet meetbaar boven de ruis, alleen de bovengrens telt"
    return text
