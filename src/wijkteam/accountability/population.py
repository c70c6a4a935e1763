"""Inhabitants per wijk, for rates per 1,000 inhabitants (a registry).

The CBS figures live in the area app, which lies above accountability (docs/architecture.md),
so accountability does not import them: the area app registers a source from its
``registrations.py``. A source returns, per wijk (district id), its inhabitants per year. With
no source registered (or no figures imported) every rate per 1,000 is unknown ("–").
"""

from collections.abc import Callable, Iterable, Mapping

Source = Callable[[], Mapping[int, Mapping[int, int]]]  # district id → {year: inhabitants}

_sources: list[Source] = []


def register(source: Source) -> None:
    if source not in _sources:
        _sources.append(source)


def unregister(source: Source) -> None:
    if source in _sources:
        _sources.remove(source)


def by_district() -> dict[int, dict[int, int]]:
    """Every wijk's inhabitants per year, from all registered sources (a later source wins)."""
    found: dict[int, dict[int, int]] = {}
    for source in _sources:
        for district_id, years in source().items():
            found.setdefault(district_id, {}).update(years)
    return found


def inhabitants(
    figures: Mapping[int, Mapping[int, int]], district_ids: Iterable[int], year: int
) -> int | None:
    """The inhabitants of the wijken in ``year``: per wijk the latest figure of that year or
    before; None when a wijk has none (a rate over part of the area would mislead)."""
    total = 0
    seen = False
    for district_id in district_ids:
        known = [y for y in figures.get(district_id, {}) if y <= year]
        if not known:
            return None
        total += figures[district_id][max(known)]
        seen = True
    return total if seen else None
