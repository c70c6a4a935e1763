"""The access-log A/B: an interval, repeated until narrow, and a verdict from its bounds."""

import math
import random

from bench import abtest


def test_estimate_of_a_clear_overhead():
    b = [20.0 + i % 3 for i in range(100)]
    a = [x * 1.15 for x in b]
    result = abtest.estimate(a, b)
    assert abs(result["overhead"] - 0.15) < 1e-3
    assert result["low"] <= result["overhead"] <= result["high"]


def test_negative_noise_is_never_met():
    b = [20.0] * 10
    a = [x * math.exp(-0.45 if i % 2 else 0.35) for i, x in enumerate(b)]
    result = abtest.estimate(a, b)
    assert result["overhead"] < 0
    assert result["high"] > 0.10  # wide: the noise is larger than the effect
    assert abtest.verdict(result, 0.10, 0.02) == "inconclusive"


def test_verdicts_from_the_bounds():
    assert abtest.verdict({"low": 0.01, "high": 0.05}, 0.10, 0.02) == "met"
    assert abtest.verdict({"low": 0.12, "high": 0.16}, 0.10, 0.02) == "not met"
    assert abtest.verdict({"low": 0.06, "high": 0.14}, 0.10, 0.02) == "inconclusive"


def test_rounds_stop_when_narrow():
    rng = random.Random(2)

    def pair(_n, _a_first):
        base = 20 + rng.random()
        return base * 1.05, base

    result = abtest.run_rounds(pair, target=0.10, precision=0.02, min_rounds=40, max_rounds=400)
    assert result["narrow"] and result["rounds"] == 40
    assert result["verdict"] == "met"
    assert "gehaald" in abtest.describe(result)


def test_rounds_end_inconclusive_at_the_maximum():
    rng = random.Random(3)

    def pair(_n, _a_first):
        return 20 * rng.uniform(0.5, 1.6), 20 * rng.uniform(0.5, 1.6)

    result = abtest.run_rounds(
        pair, target=0.10, precision=0.01, min_rounds=20, batch=20, max_rounds=60
    )
    assert result["rounds"] == 60
    assert not result["narrow"]
    assert result["verdict"] == "inconclusive"
    assert "ONBESLIST" in abtest.describe(result)


def test_errors_are_counted_not_measured():
    calls = iter(range(1000))

    def pair(_n, _a_first):
        return None if next(calls) % 5 == 0 else (11.0, 10.0)

    result = abtest.run_rounds(pair, target=0.2, precision=0.05, min_rounds=10, warmup=0)
    assert result["errors"] >= 2
    assert result["verdict"] == "met"
