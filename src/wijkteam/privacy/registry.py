"""What the apps above the foundation contribute to a resident's rights.

The inzage export (AVG art. 15) and retention (destruction after the term) must reach every
model that holds personal data, including models of apps that sit above this one. Those apps
register their models here, from their ``AppConfig.ready()``; the rights app walks the
registry. A new app adds its models to inzage and retention by registering, without editing
privacy or rights:

    from wijkteam.privacy import registry

    registry.register_inzage("portal.Message", lambda s: Q(resident_id=s.resident_id), order=700)
    registry.register_case_rows("portal.Message", lambda case_id: Message.objects.filter(
        case_id=case_id), order=700)

Orders: within an export the sections follow ``order``; rows are destroyed in ``order``, so a
row that others refer to (a case, a resident) has the highest order of its group. Each label
is registered once per kind; registering it again replaces the entry (a reload in tests).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet


@dataclass(frozen=True)
class ExportScope:
    """The rows of an inzage export: the resident, their household and every case that
    concerns them (their household's cases and cases where they are the subject of a decision,
    a melding or an assessment)."""

    resident: Any
    case_ids: list[int]

    @property
    def resident_id(self) -> int:
        return int(self.resident.pk)

    @property
    def household_id(self) -> int:
        return int(self.resident.household_id)


@dataclass(frozen=True)
class InzageSection:
    label: str  # "app_label.ModelName"
    rows: Callable[[ExportScope], Q]
    order: int


@dataclass(frozen=True)
class CaseRows:
    """Rows destroyed together with a case (the case itself has the highest order)."""

    label: str
    rows: Callable[[int], QuerySet[Any]]
    order: int


@dataclass(frozen=True)
class ResidentRows:
    """Rows destroyed with a household's residents: ``rows(resident_ids, household_id)``."""

    label: str
    rows: Callable[[list[int], int], QuerySet[Any]]
    order: int


_inzage: dict[str, InzageSection] = {}
_case_rows: dict[str, CaseRows] = {}
_resident_rows: dict[str, ResidentRows] = {}


def register_inzage(label: str, rows: Callable[[ExportScope], Q], *, order: int) -> None:
    """Export the rows of model ``label`` that ``rows(scope)`` selects in every inzage."""
    _inzage[label] = InzageSection(label=label, rows=rows, order=order)


def register_case_rows(label: str, rows: Callable[[int], QuerySet[Any]], *, order: int) -> None:
    """Destroy ``rows(case_id)`` when a case is destroyed after its retention term."""
    _case_rows[label] = CaseRows(label=label, rows=rows, order=order)


def register_resident_rows(
    label: str, rows: Callable[[list[int], int], QuerySet[Any]], *, order: int
) -> None:
    """Destroy ``rows(resident_ids, household_id)`` when a household is destroyed."""
    _resident_rows[label] = ResidentRows(label=label, rows=rows, order=order)


def inzage_sections() -> list[InzageSection]:
    return sorted(_inzage.values(), key=lambda s: (s.order, s.label))


def case_rows() -> list[CaseRows]:
    return sorted(_case_rows.values(), key=lambda r: (r.order, r.label))


def resident_rows() -> list[ResidentRows]:
    return sorted(_resident_rows.values(), key=lambda r: (r.order, r.label))


@dataclass(frozen=True)
class StandaloneRetention:
    """Records that are not part of a dossier and have a term of their own (an outreach
    signal that never became a melding). ``due(today)`` selects the rows past their term;
    ``rule()`` returns ``(term in months, source)`` for the destruction record. The rights app
    destroys them in one transaction per kind, with a destruction record of ``kind``."""

    kind: str  # stored on the destruction record, e.g. "signaal"
    title: str  # Dutch, for the report of the retention run
    due: Callable[[Any], QuerySet[Any]]
    rule: Callable[[], tuple[int, str]]
    order: int


_standalone: dict[str, StandaloneRetention] = {}


def register_standalone_retention(entry: StandaloneRetention) -> None:
    """Destroy ``entry.due(today)`` after its own term, outside any dossier."""
    _standalone[entry.kind] = entry


def standalone_retention() -> list[StandaloneRetention]:
    return sorted(_standalone.values(), key=lambda r: (r.order, r.kind))
