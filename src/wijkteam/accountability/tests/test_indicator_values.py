"""``indicators.values`` (one pass, metric routes cached) gives exactly what ``value`` gives per
indicator: the dashboard's rows and trends use it (docs/performance.md)."""

import random

from wijkteam.accountability.indicators import INDICATORS, INHABITANTS, value, values


def _metric_names() -> list[str]:
    names = {INHABITANTS, "onbekend.metriek", "maatwerk.besluit.x", "cevo"}
    for indicator in INDICATORS:
        for pattern in indicator.numerator + indicator.denominator:
            for part in ("a", "b.c", ""):
                names.add(pattern.replace("*", part))
    return sorted(names)


def test_values_equal_value_per_indicator():
    rng = random.Random(17)
    names = _metric_names()
    assert len(names) > 100
    for _round in range(50):
        chosen = rng.sample(names, rng.randint(0, len(names)))
        sums = {
            m: rng.choice([0.0, 1.0, rng.random() * 1000, float(rng.randint(1, 50))])
            for m in chosen
        }
        assert values(sums) == [value(i, sums) for i in INDICATORS]


def test_values_without_denominator_give_none_and_counts_zero():
    result = values({})
    for indicator, got in zip(INDICATORS, result, strict=True):
        assert got == (0 if indicator.kind == "count" else None)


def test_prefix_patterns_sum_every_matching_metric():
    # "cevo.*.som" over "cevo.*.n": 12 / (3 + 1), the score of a survey without a sum included.
    sums = {"cevo.wijkteam.som": 12.0, "cevo.wijkteam.n": 3.0, "cevo.x.n": 1.0}
    assert values(sums) == [value(i, sums) for i in INDICATORS]
    cevo = next(n for n, i in enumerate(INDICATORS) if i.key == "cevo")
    assert values(sums)[cevo] == 3.0
