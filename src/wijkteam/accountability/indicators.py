"""The built indicators over the snapshot's metrics (docs/indicators.md defines each)."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str | Promise
    kind: str  # "count", "share" (percent) or "mean"
    numerator: tuple[str, ...]  # metric names (a trailing "*" sums a prefix)
    denominator: tuple[str, ...] = ()


INDICATORS: tuple[Indicator, ...] = (
    Indicator("meldingen", _("Meldingen"), "count", ("melding.totaal",)),
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
    Indicator("klachten", _("Klachten ontvangen"), "count", ("klacht.ontvangen",)),
    Indicator(
        "klacht_tijdig",
        _("Klachten op tijd afgehandeld (%)"),
        "share",
        ("klacht.afgehandeld.tijdig",),
        ("klacht.afgehandeld",),
    ),
    Indicator("bezwaren", _("Bezwaren ontvangen"), "count", ("bezwaar.ontvangen",)),
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
    if indicator.kind == "count":
        return int(num)
    den = sum(v for m, v in sums.items() for p in indicator.denominator if matches(p, m))
    if not den:
        return None
    return round(num / den * (100 if indicator.kind == "share" else 1), 1)
