"""The built indicators over the snapshot's metrics (docs/indicators.md defines each)."""

import functools
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.constants import Channel, Unit
from wijkteam.complaints.constants import ComplaintOutcome, ObjectionOutcome
from wijkteam.residents.constants import CarerFollowUpKind


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str | Promise
    kind: str  # "count", "share" (percent), "mean" or "per_1000" (per 1,000 inhabitants)
    numerator: tuple[str, ...]  # metric names (a trailing "*" sums a prefix)
    denominator: tuple[str, ...] = ()


# The pseudo-metric the dashboard adds to a row's sums: the inhabitants of its area (CBS).
INHABITANTS = "inwoners"

INDICATORS: tuple[Indicator, ...] = (
    Indicator("meldingen", _("Meldingen"), "count", ("melding.totaal",)),
    Indicator(
        "meldingen_per_1000",
        _("Meldingen per 1.000 inwoners"),
        "per_1000",
        ("melding.totaal",),
        (INHABITANTS,),
    ),
    *(
        Indicator(
            f"meldingen_per_1000_{channel}",
            format_lazy("{}: {}", _("Meldingen per 1.000 inwoners"), label),
            "per_1000",
            (f"melding.kanaal.{channel}",),
            (INHABITANTS,),
        )
        for channel, label in Channel.choices
    ),
    Indicator(
        "dagen_tot_contact",
        _("Dagen van melding tot eerste gesprek (gemiddeld)"),
        "mean",
        ("eerste_contact.dagen",),
        ("eerste_contact.n",),
    ),
    Indicator(
        "co_geinformeerd",
        _("Cliëntondersteuning genoemd bij melding (%)"),
        "share",
        ("clientondersteuning.geinformeerd",),
        ("melding.totaal",),
    ),
    Indicator(
        "onderzoek_tijdig",
        _("Onderzoek binnen de wettelijke termijn (%)"),
        "share",
        ("termijn.wmo_onderzoek.tijdig",),
        ("termijn.wmo_onderzoek.n",),
    ),
    Indicator(
        "beschikking_tijdig",
        _("Beschikking binnen de wettelijke termijn (%)"),
        "share",
        ("termijn.wmo_beschikking.tijdig", "termijn.jeugd_beslissing.tijdig"),
        ("termijn.wmo_beschikking.n", "termijn.jeugd_beslissing.n"),
    ),
    Indicator(
        "bezwaar_tijdig",
        _("Beslissing op bezwaar binnen de termijn (%)"),
        "share",
        ("termijn.beslissing_op_bezwaar.tijdig",),
        ("termijn.beslissing_op_bezwaar.n",),
    ),
    Indicator(
        "dagen_tot_start",
        _("Dagen van melding tot start van de ondersteuning (gemiddeld)"),
        "mean",
        ("start_steun.dagen",),
        ("start_steun.n",),
    ),
    Indicator(
        "inzet_algemeen",
        _("Algemene voorzieningen ingezet"),
        "count",
        ("inzet.algemene_voorziening",),
    ),
    Indicator("inzet_maatwerk", _("Maatwerkvoorzieningen ingezet"), "count", ("inzet.maatwerk",)),
    Indicator(
        "zonder_maatwerk",
        _("Afgesloten casussen zonder maatwerk (%)"),
        "share",
        ("casus.afgesloten.zonder_maatwerk",),
        ("casus.afgesloten",),
    ),
    Indicator(
        "afwijking_protocol",
        _("Besluiten met afwijking van het protocol (%)"),
        "share",
        ("besluit.afwijking_protocol",),
        ("besluit.genomen",),
    ),
    Indicator(
        "eigen_werkgever",
        _("Toewijzingen aan de eigen werkgever van de toewijzer (%)"),
        "share",
        ("toewijzing.eigen_werkgever",),
        ("toewijzing.totaal",),
    ),
    Indicator("opgeschaald", _("Opgeschaald na evaluatie"), "count", ("schaal.opschalen",)),
    Indicator("afgeschaald", _("Afgeschaald na evaluatie"), "count", ("schaal.afschalen",)),
    Indicator("doorbraak", _("Noodtoegang (doorbraak) gebruikt"), "count", ("doorbraak.geopend",)),
    Indicator(
        "organisaties",
        _("Organisaties per afgesloten casus (gemiddeld)"),
        "mean",
        ("casus.organisaties",),
        ("casus.afgesloten",),
    ),
    Indicator(
        "disciplines",
        _("Disciplines per afgesloten casus (gemiddeld)"),
        "mean",
        ("casus.disciplines",),
        ("casus.afgesloten",),
    ),
    Indicator(
        "doorzettingsmacht_gevraagd",
        _("Doorzettingsmacht gevraagd aan de teamleider"),
        "count",
        ("doorzettingsmacht.gevraagd",),
    ),
    Indicator(
        "doorzettingsmacht",
        _("Doorzettingsmacht gebruikt (teamleider of direct)"),
        "count",
        ("doorzettingsmacht.ingezet", "doorzettingsmacht.direct"),
    ),
    Indicator(
        "co_gebruikt",
        _("Casussen met cliëntondersteuning (%)"),
        "share",
        ("clientondersteuning.gebruikt",),
        ("casus.geopend",),
    ),
    Indicator(
        "mantelzorg_risico",
        _("Mantelzorgers met (te) zware belasting (%)"),
        "share",
        ("mantelzorg.risico",),
        ("mantelzorg.beoordeeld",),
    ),
    *(
        Indicator(
            f"mantelzorg_opvolging_{kind}",
            format_lazy("{}: {}", _("Opvolging van mantelzorgers"), label),
            "count",
            (f"mantelzorg.opvolging.{kind}",),
        )
        for kind, label in CarerFollowUpKind.choices
    ),
    Indicator("toestemming_gegeven", _("Toestemmingen gegeven"), "count", ("toestemming.gegeven",)),
    Indicator(
        "toestemming_ingetrokken",
        _("Toestemmingen ingetrokken"),
        "count",
        ("toestemming.ingetrokken",),
    ),
    Indicator(
        "toestemming_geweigerd",
        _("Toestemmingen geweigerd"),
        "count",
        ("toestemming.geweigerd",),
    ),
    Indicator(
        "inzage_tijdig",
        _("Inzageverzoeken binnen de termijn beantwoord (%)"),
        "share",
        ("inzage.tijdig",),
        ("inzage.n",),
    ),
    Indicator(
        "maatwerk_besluiten",
        _("Toegekende maatwerkvoorzieningen"),
        "count",
        ("maatwerk.besluit.*",),
    ),
    Indicator(
        "maatwerk_budget",
        _("Budget toegekend maatwerk (euro)"),
        "count",
        ("maatwerk.budget.*",),
    ),
    Indicator(
        "maatwerk_casussen",
        _("Casussen met nieuw toegekend maatwerk"),
        "count",
        ("maatwerkcasus.n",),
    ),
    Indicator(
        "maatwerk_budget_per_casus",
        _("Budget maatwerk per casus (euro, gemiddeld)"),
        "mean",
        ("maatwerkcasus.budget.som",),
        ("maatwerkcasus.budget.n",),
    ),
    *(
        Indicator(
            f"maatwerk_omvang_per_casus_{unit}",
            format_lazy("{} ({})", _("Omvang maatwerk per casus, gemiddeld"), label),
            "mean",
            (f"maatwerkcasus.omvang.{unit}",),
            (f"maatwerkcasus.eenheid.{unit}",),
        )
        for unit, label in Unit.choices
    ),
    Indicator(
        "plan_voorliggend",
        _("Planacties met een algemene voorziening (%)"),
        "share",
        ("plan.actie.voorliggend",),
        ("plan.actie",),
    ),
    Indicator(
        "initiatief_verbindingen",
        _("Inwoners verbonden met een bewonersinitiatief"),
        "count",
        ("initiatief.verbinding",),
    ),
    Indicator(
        "initiatief_steun",
        _("Bewonersinitiatieven gaan steunen"),
        "count",
        ("initiatief.steun",),
    ),
    Indicator("klachten", _("Klachten ontvangen"), "count", ("klacht.ontvangen",)),
    Indicator(
        "klacht_tijdig",
        _("Klachten op tijd afgehandeld (%)"),
        "share",
        ("klacht.afgehandeld.tijdig",),
        ("klacht.afgehandeld",),
    ),
    *(
        Indicator(
            f"klacht_uitkomst_{outcome}",
            format_lazy("{}: {}", _("Klachten afgehandeld"), label),
            "count",
            (f"klacht.uitkomst.{outcome}",),
        )
        for outcome, label in ComplaintOutcome.choices
    ),
    Indicator("bezwaren", _("Bezwaren ontvangen"), "count", ("bezwaar.ontvangen",)),
    *(
        Indicator(
            f"bezwaar_uitkomst_{outcome}",
            format_lazy("{}: {}", _("Beslissingen op bezwaar"), label),
            "count",
            (f"bezwaar.uitkomst.{outcome}",),
        )
        for outcome, label in ObjectionOutcome.choices
    ),
    Indicator(
        "cevo",
        _("Cliëntervaring, gemiddelde score (1–5)"),
        "mean",
        ("cevo.*.som",),
        ("cevo.*.n",),
    ),
)


def matches(pattern: str, metric: str) -> bool:
    if "*" not in pattern:
        return pattern == metric
    head, tail = pattern.split("*", 1)
    return metric.startswith(head) and metric.endswith(tail)


def value(indicator: Indicator, sums: dict[str, float]) -> float | int | None:
    """The indicator's value from metric sums; None when the denominator is zero."""
    num = sum(v for m, v in sums.items() for p in indicator.numerator if matches(p, m))
    den = sum(v for m, v in sums.items() for p in indicator.denominator if matches(p, m))
    return _finish(indicator, num, den)


def values(sums: dict[str, float]) -> list[float | int | None]:
    """Every indicator of ``INDICATORS``, in order, from metric sums: the same as
    ``[value(i, sums) for i in INDICATORS]`` in one pass over the sums.

    The dashboard computes all indicators for every row and trend period (≈ 60 indicators ×
    30 teams × hundreds of metrics on a city): matching each metric against each pattern there
    cost most of the page's time (docs/performance.md). Here each metric name is matched once
    per process (:func:`_routes`); the sums are added in the same order as :func:`value` does,
    so the floats are identical.
    """
    num: list[float] = [0] * len(INDICATORS)
    den: list[float] = [0] * len(INDICATORS)
    for metric, v in sums.items():
        for n, below in _routes(metric):
            if below:
                den[n] += v
            else:
                num[n] += v
    return [_finish(i, num[n], den[n]) for n, i in enumerate(INDICATORS)]


@functools.lru_cache(maxsize=8192)
def _routes(metric: str) -> tuple[tuple[int, bool], ...]:
    """The indicators that count ``metric``: (index in ``INDICATORS``, in the denominator),
    once per matching pattern (a metric that two patterns match counts twice, as in
    :func:`value`). Metric names come from the snapshot's code lists, so the cache stays small."""
    found: list[tuple[int, bool]] = []
    for n, indicator in enumerate(INDICATORS):
        found += [(n, False) for p in indicator.numerator if matches(p, metric)]
        found += [(n, True) for p in indicator.denominator if matches(p, metric)]
    return tuple(found)


def _finish(indicator: Indicator, num: float, den: float) -> float | int | None:
    if indicator.kind == "count":
        return int(num)
    if not den:
        return None
    factor = {"share": 100, "per_1000": 1000}.get(indicator.kind, 1)
    return round(num / den * factor, 1)
