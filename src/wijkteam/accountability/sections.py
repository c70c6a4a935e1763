"""The tables of a Wmo-raad publication, one or more per point of attention (seed 003).

A section is a count table: a row per team, a column per category, with row totals, column
totals and a grand total, all suppressed together (``suppression.suppress``). A section may add
a share (the first column's part of the row total, in percent), shown only when both are shown,
and means of survey scores, shown only when their count is. Nothing here names a person.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.constants import Channel, InterventionKind
from wijkteam.complaints.constants import SURVEY_QUESTIONS, ComplaintOutcome, ObjectionOutcome
from wijkteam.residents.constants import CarerFollowUpKind

from .constants import Point
from .indicators import matches
from .suppression import Cell, Table, derivable, suppress


@dataclass(frozen=True)
class Column:
    label: str | Promise
    metrics: tuple[str, ...]  # summed (a "*" matches a part of the name)
    minus: tuple[str, ...] = ()  # subtracted: "late" is all minus in time
    score: str = ""  # the metric of the sum of scores: a mean is shown beside the count


@dataclass(frozen=True)
class Section:
    key: str
    point: Point
    title: str | Promise
    columns: tuple[Column, ...]
    share: str | Promise = ""  # label of the share of the first column in the row total


def _term(key: str, title: str | Promise, point: Point) -> Section:
    return Section(
        key=key,
        point=point,
        title=title,
        columns=(
            Column(_("Op tijd"), (f"termijn.{key}.tijdig",)),
            Column(_("Te laat"), (f"termijn.{key}.n",), (f"termijn.{key}.tijdig",)),
        ),
        share=_("Op tijd (%)"),
    )


SECTIONS: tuple[Section, ...] = (
    Section(
        "meldingen_kanaal",
        Point.BEREIKBAAR,
        _("Meldingen per kanaal"),
        tuple(Column(label, (f"melding.kanaal.{value}",)) for value, label in Channel.choices),
    ),
    Section(
        "ervaren_toegang",
        Point.TOEGANKELIJK,
        _("Cliëntervaring over de toegang: aantal antwoorden en gemiddelde score (1–5)"),
        tuple(
            Column(text, (f"cevo.{key}.n",), score=f"cevo.{key}.som")
            for key, group, text in SURVEY_QUESTIONS
            if group == "toegang"
        ),
    ),
    Section(
        "inzet",
        Point.INITIATIEVEN,
        _("Ingezette ondersteuning: eerst licht en algemeen, dan maatwerk"),
        tuple(Column(label, (f"inzet.{value}",)) for value, label in InterventionKind.choices),
        share=_("Lichte ondersteuning (%)"),
    ),
    Section(
        "plan_voorliggend",
        Point.INITIATIEVEN,
        _("Acties in afgesproken plannen: algemene voorziening van de sociale kaart of anders"),
        (
            Column(_("Algemene voorziening"), ("plan.actie.voorliggend",)),
            Column(_("Andere actie"), ("plan.actie",), ("plan.actie.voorliggend",)),
        ),
        share=_("Algemene voorziening (%)"),
    ),
    Section(
        "initiatieven",
        Point.INITIATIEVEN,
        _("Bewonersinitiatieven: inwoners verbonden en initiatieven die het team gaat steunen"),
        (
            Column(_("Inwoners verbonden"), ("initiatief.verbinding",)),
            Column(_("Steun gestart"), ("initiatief.steun",)),
        ),
    ),
    Section(
        "doorzettingsmacht",
        Point.EXPERTISE,
        _("Doorzettingsmacht: specialistische hulp buiten het mandaat"),
        (
            Column(_("Teamleider zet in"), ("doorzettingsmacht.ingezet",)),
            Column(_("Teamleider wijst af"), ("doorzettingsmacht.afgewezen",)),
            Column(_("Direct ingezet door het team"), ("doorzettingsmacht.direct",)),
        ),
    ),
    _term("wmo_onderzoek", _("Onderzoek binnen 6 weken"), Point.NIET_TE_VEEL),
    Section(
        "ervaren_kwaliteit",
        Point.NIET_TE_VEEL,
        _("Cliëntervaring over kwaliteit en effect: aantal antwoorden en gemiddelde score (1–5)"),
        tuple(
            Column(text, (f"cevo.{key}.n",), score=f"cevo.{key}.som")
            for key, group, text in SURVEY_QUESTIONS
            if group != "toegang"
        ),
    ),
    Section(
        "clientondersteuning",
        Point.CLIENTONDERSTEUNING,
        _("Bij de melding verteld over gratis, onafhankelijke cliëntondersteuning"),
        (
            Column(_("Wel verteld"), ("clientondersteuning.geinformeerd",)),
            Column(_("Niet verteld"), ("melding.totaal",), ("clientondersteuning.geinformeerd",)),
        ),
        share=_("Wel verteld (%)"),
    ),
    Section(
        "doorbraak",
        Point.PRIVACY,
        _("Noodtoegang tot een dossier zonder toestemming (doorbraak)"),
        (Column(_("Keer gebruikt"), ("doorbraak.geopend",)),),
    ),
    Section(
        "toestemming",
        Point.PRIVACY,
        _(
            "Toestemming om gegevens te delen: gegeven, wettelijke grondslag, ingetrokken, "
            "geweigerd"
        ),
        (
            Column(_("Toestemming gegeven"), ("toestemming.gegeven",)),
            Column(_("Wettelijke grondslag"), ("toestemming.grondslag",)),
            Column(_("Ingetrokken"), ("toestemming.ingetrokken",)),
            Column(_("Geweigerd"), ("toestemming.geweigerd",)),
        ),
    ),
    Section(
        "inzage",
        Point.PRIVACY,
        _("Inzageverzoeken binnen de wettelijke termijn beantwoord"),
        (
            Column(_("Op tijd"), ("inzage.tijdig",)),
            Column(_("Te laat"), ("inzage.n",), ("inzage.tijdig",)),
        ),
        share=_("Op tijd (%)"),
    ),
    Section(
        "clientondersteuning_gebruikt",
        Point.CLIENTONDERSTEUNING,
        _("Nieuwe casussen met een cliëntondersteuner"),
        (
            Column(_("Met cliëntondersteuner"), ("clientondersteuning.gebruikt",)),
            Column(_("Zonder"), ("casus.geopend",), ("clientondersteuning.gebruikt",)),
        ),
        share=_("Met cliëntondersteuner (%)"),
    ),
    Section(
        "eigen_werkgever",
        Point.CLIENTONDERSTEUNING,
        _("Toewijzingen aan de eigen werkgever van de toewijzer"),
        (
            Column(_("Eigen werkgever"), ("toewijzing.eigen_werkgever",)),
            Column(_("Andere aanbieder"), ("toewijzing.totaal",), ("toewijzing.eigen_werkgever",)),
        ),
        share=_("Eigen werkgever (%)"),
    ),
    Section(
        "klachten_uitkomst",
        Point.KLACHTEN,
        _("Afgehandelde klachten naar uitkomst"),
        tuple(
            Column(label, (f"klacht.uitkomst.{value}",))
            for value, label in ComplaintOutcome.choices
        ),
    ),
    Section(
        "klachten_tijdig",
        Point.KLACHTEN,
        _("Klachten op tijd afgehandeld"),
        (
            Column(_("Op tijd"), ("klacht.afgehandeld.tijdig",)),
            Column(_("Te laat"), ("klacht.afgehandeld",), ("klacht.afgehandeld.tijdig",)),
        ),
        share=_("Op tijd (%)"),
    ),
    Section(
        "bezwaren_uitkomst",
        Point.KLACHTEN,
        _("Beslissingen op bezwaar naar uitkomst"),
        tuple(
            Column(label, (f"bezwaar.uitkomst.{value}",))
            for value, label in ObjectionOutcome.choices
        ),
    ),
    _term("beslissing_op_bezwaar", _("Beslissing op bezwaar binnen de termijn"), Point.KLACHTEN),
    Section(
        "mantelzorg",
        Point.MANTELZORG,
        _("Mantelzorgers van wie de belasting is bepaald"),
        (
            Column(_("Zwaar belast of overbelast"), ("mantelzorg.risico",)),
            Column(_("Licht of matig belast"), ("mantelzorg.beoordeeld",), ("mantelzorg.risico",)),
        ),
        share=_("Zwaar of overbelast (%)"),
    ),
    Section(
        "mantelzorg_opvolging",
        Point.MANTELZORG,
        _("Wat er is gedaan voor mantelzorgers die (te) zwaar belast zijn"),
        tuple(
            Column(label, (f"mantelzorg.opvolging.{value}",))
            for value, label in CarerFollowUpKind.choices
        ),
    ),
)


def _sum(patterns: Sequence[str], sums: Mapping[str, float]) -> float:
    return sum(v for m, v in sums.items() for p in patterns if matches(p, m))


def count_table(section: Section, rows: Sequence[Mapping[str, float]]) -> list[list[int]]:
    """The section's counts: a row per team (``rows`` are the teams' metric sums)."""
    return [
        [max(0, int(_sum(c.metrics, sums) - _sum(c.minus, sums))) for c in section.columns]
        for sums in rows
    ]


def _cell(table: Table, key: Cell, reveal: bool) -> dict[str, Any]:
    hidden = key in table.hidden
    return {"value": table.value(key) if reveal or not hidden else None, "hidden": hidden}


def _share(table: Table, part: Cell, whole: Cell) -> float | None:
    if part in table.hidden or whole in table.hidden or not table.value(whole):
        return None
    return round(table.value(part) / table.value(whole) * 100, 1)


def _mean(table: Table, key: Cell, score: float) -> float | None:
    if key in table.hidden or not table.value(key):
        return None
    return round(score / table.value(key), 1)


def render(
    section: Section,
    labels: Sequence[str],
    rows: Sequence[Mapping[str, float]],
    total_label: str,
    threshold: int,
    *,
    reveal: bool,
) -> tuple[dict[str, Any], Table]:
    """The section as stored in a publication (``reveal=False``: hidden values are not there)
    or shown in the preview (``reveal=True``: hidden values marked, shown to the composer)."""
    table = suppress(count_table(section, rows), threshold)
    totals: dict[str, float] = {}
    for sums in rows:
        for metric, v in sums.items():
            totals[metric] = totals.get(metric, 0) + v
    body: list[dict[str, Any]] = []
    for r, label in enumerate([*labels, total_label]):
        total = r == len(labels)
        keys: list[Cell] = [
            ("col", -1, c) if total else ("cell", r, c) for c in range(len(section.columns))
        ]
        whole: Cell = ("total", -1, -1) if total else ("row", r, -1)
        sums = totals if total else rows[r]
        cells = []
        for key, column in zip(keys, section.columns, strict=True):
            cell = _cell(table, key, reveal)
            cell["mean"] = _mean(table, key, _sum((column.score,), sums)) if column.score else None
            cells.append(cell)
        body.append(
            {
                "label": label,
                "cells": cells,
                "total": _cell(table, whole, reveal),
                "share": _share(table, keys[0], whole) if section.share and keys else None,
            }
        )
    data = {
        "key": section.key,
        "point": int(section.point),
        "title": str(section.title),
        "columns": [str(c.label) for c in section.columns],
        "share": str(section.share),
        "rows": body,
        "hidden": len(table.hidden),
    }
    return data, table


def check_published(table: Table, threshold: int) -> None:
    """Refuse a table that shows a small count or lets a hidden value be computed."""
    small = [k for k in table.positions() if 0 < table.value(k) < threshold]
    if any(k not in table.hidden for k in small) or derivable(table):
        raise ValidationError(
            gettext(
                "Het overzicht bevat kleine aantallen die niet zijn afgeschermd. "
                "Er is niets gepubliceerd."
            )
        )
