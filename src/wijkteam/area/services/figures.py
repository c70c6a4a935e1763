"""The import of CBS "Kerncijfers wijken en buurten": match the file's codes on the CBS codes of
the municipalities, wijken and buurten in the system, report, and (unless a dry run) store the
figures of one year in one transaction: all rows or none.

Rows of municipalities that are not in the system (a national file holds them all) are skipped
and counted; codes of a known municipality that match no wijk or buurt are reported as
unmatched. A file in which no code matches is refused.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.organisation.models import District, Municipality, Neighbourhood

from .. import cbs, policies
from ..constants import CODE_PREFIX_LEVEL, AreaLevel
from ..models import AreaFigures, CbsImport

MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass
class ImportReport:
    year: int
    rows: int = 0
    matched: list[tuple[str, str, str]] = field(default_factory=list)  # (code, name, level)
    unmatched: list[str] = field(default_factory=list)
    outside: int = 0
    outside_municipalities: list[str] = field(default_factory=list)  # their GM codes
    used_columns: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    stored: bool = False


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise cbs.CbsFileError(
            _("Kies een jaar van %(min)s tot en met %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
        )
    if year > timezone.localdate().year:
        raise cbs.CbsFileError(_("Over een jaar in de toekomst publiceert CBS nog geen cijfers."))


def cbs_import(
    *,
    actor: User | None,
    data: bytes,
    filename: str,
    year: int,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Read, match and (unless ``dry_run``) store; a :class:`cbs.CbsFileError` stores nothing.

    ``actor`` is the functioneel beheerder on the upload page, or None from the command line.
    """
    if actor is not None and not policies.may_import_figures(actor):
        raise PermissionDenied(_("Alleen de functioneel beheerder importeert CBS-cijfers."))
    _check_year(year)
    say = progress or (lambda _message: None)
    parsed = cbs.parse(data, progress=lambda n: say(_("%(n)s regels gelezen") % {"n": n}))
    say(_("%(n)s regels gelezen") % {"n": len(parsed.rows)})
    municipalities = {m.cbs_code: m for m in Municipality.objects.all()}
    districts = {d.cbs_code: d for d in District.objects.all()}
    hoods = {n.cbs_code: n for n in Neighbourhood.objects.all()}
    report = ImportReport(
        year=year,
        rows=len(parsed.rows),
        used_columns=parsed.used_columns,
        ignored_columns=parsed.ignored_columns,
    )
    targets: list[tuple[cbs.CbsRow, dict[str, object]]] = []
    for row in parsed.rows:
        level = CODE_PREFIX_LEVEL[row.code[:2]]
        if f"GM{row.code[2:6]}" not in municipalities:
            report.outside += 1
            if f"GM{row.code[2:6]}" not in report.outside_municipalities:
                report.outside_municipalities.append(f"GM{row.code[2:6]}")
            continue
        area: dict[str, object] | None = None
        if level == AreaLevel.GEMEENTE:
            area = {"municipality": municipalities[row.code]}
        elif level == AreaLevel.WIJK and row.code in districts:
            area = {"district": districts[row.code]}
        elif level == AreaLevel.BUURT and row.code in hoods:
            area = {"neighbourhood": hoods[row.code]}
        if area is None:
            report.unmatched.append(row.code)
            continue
        name = next(iter(area.values()))
        report.matched.append((row.code, getattr(name, "name", str(name)), str(level.label)))
        targets.append((row, {"level": level, **area}))
    if not targets:
        raise cbs.CbsFileError(
            _(
                "Geen enkele code in dit bestand hoort bij een gemeente, wijk of buurt in het "
                "systeem (%(outside)s regels van andere gemeenten, %(unmatched)s onbekende codes)."
            )
            % {"outside": report.outside, "unmatched": len(report.unmatched)}
        )
    if dry_run:
        return report
    with transaction.atomic():
        for done, (row, area) in enumerate(targets, start=1):
            AreaFigures.objects.update_or_create(
                code=row.code,
                year=year,
                defaults={**area, **row.figures, "imported_at": timezone.now()},
            )
            if done % 100 == 0:
                say(_("%(n)s gebieden opgeslagen") % {"n": done})
        record = CbsImport.objects.create(
            year=year,
            filename=filename[:200],
            sha256=hashlib.sha256(data).hexdigest(),
            matched=len(targets),
            unmatched=len(report.unmatched),
            outside=report.outside,
            imported_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=record,
            object_repr=f"CBS {year}: {filename}"[:200],
            changes={"matched": len(targets), "unmatched": report.unmatched[:50]},
        )
    say(_("%(n)s gebieden opgeslagen") % {"n": len(targets)})
    report.stored = True
    return report
