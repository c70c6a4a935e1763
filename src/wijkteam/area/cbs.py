"""Reading CBS "Kerncijfers wijken en buurten" CSV files (pure Python, no database).

CBS publishes the table per year (85984NED for 2024, 85618NED for 2023, ...) as a CSV with
semicolons. Its column names end in a number that changes from year to year
(``AantalInwoners_5``, ``Eenpersoonshuishoudens_29``), so a column is recognised by its name
without that number. Text columns are padded with spaces (``"WK999901  "``). A figure CBS does
not publish is ``.`` (unknown), ``x`` (secret) or empty; a decimal may use a comma or a point.

``parse`` returns the rows with the figures as ``int``/``Decimal``/``None`` or raises
:class:`CbsFileError` with a Dutch message (line and column named) for a file it cannot read.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

# CBS column (without its number) -> (AreaFigures field, kind)
COLUMNS: dict[str, tuple[str, str]] = {
    "AantalInwoners": ("inhabitants", "int"),
    "k_0Tot15Jaar": ("age_0_15", "int"),
    "k_15Tot25Jaar": ("age_15_25", "int"),
    "k_25Tot45Jaar": ("age_25_45", "int"),
    "k_45Tot65Jaar": ("age_45_65", "int"),
    "k_65JaarOfOuder": ("age_65_plus", "int"),
    "HuishoudensTotaal": ("households", "int"),
    "Eenpersoonshuishoudens": ("single_person_households", "int"),
    "HuishoudensMetKinderen": ("households_with_children", "int"),
    "GemiddeldeHuishoudensgrootte": ("average_household_size", "dec"),
    "Woningvoorraad": ("dwellings", "int"),
    "GemiddeldeWOZWaardeVanWoningen": ("average_woz", "dec"),
    "Koopwoningen": ("owner_occupied_pct", "dec"),
    "InBezitWoningcorporatie": ("social_rent_pct", "dec"),
    "GemiddeldInkomenPerInwoner": ("average_income", "dec"),
    "HuishoudensMetEenLaagInkomen": ("low_income_households_pct", "dec"),
    "PersonenPerSoortUitkeringBijstand": ("social_assistance", "int"),
    "PersonenPerSoortUitkeringAO": ("disability_benefit", "int"),
    "PersonenPerSoortUitkeringWW": ("unemployment_benefit", "int"),
    "PersonenPerSoortUitkeringAOW": ("state_pension", "int"),
}
CODE_COLUMNS = ("Codering", "WijkenEnBuurten")
REQUIRED = ("AantalInwoners",)
MISSING = {"", ".", "x", "X", "?"}
CODE_RE = re.compile(r"^(GM\d{4}|WK\d{6}|BU\d{8})$")
NUMBER_SUFFIX = re.compile(r"_\d+$")
MAX_BYTES = 20 * 1024 * 1024


class CbsFileError(ValueError):
    """The file cannot be read as a CBS file; the message says why, in Dutch."""


@dataclass
class CbsRow:
    line: int
    code: str
    figures: dict[str, int | Decimal | None]


@dataclass
class CbsFile:
    rows: list[CbsRow]
    used_columns: list[str]
    ignored_columns: list[str] = field(default_factory=list)


def base_name(column: str) -> str:
    return NUMBER_SUFFIX.sub("", column.strip().strip('"').strip())


def decode(data: bytes) -> str:
    if not data.strip():
        raise CbsFileError(_("Het bestand is leeg."))
    if len(data) > MAX_BYTES:
        raise CbsFileError(_("Het bestand is groter dan 20 MB."))
    if b"\x00" in data[:4096]:
        raise CbsFileError(_("Dit is geen tekstbestand. Kies het CSV-bestand van CBS."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CbsFileError(
        _("De tekens in het bestand zijn niet te lezen (geen UTF-8).")
    )  # pragma: no cover


def _number(raw: str, kind: str, line: int, column: str) -> int | Decimal | None:
    value = raw.strip()
    if value in MISSING:
        return None
    text = value.replace(" ", "")
    try:
        if kind == "int":
            if not text.isdigit():
                raise ValueError
            return int(text)
        number = Decimal(text.replace(",", "."))
        if not number.is_finite() or number < 0:
            raise ValueError
        return number.quantize(Decimal("0.1"))
    except (ValueError, InvalidOperation):
        raise CbsFileError(
            _("Regel %(line)s, kolom %(column)s: '%(value)s' is geen geldig getal.")
            % {"line": line, "column": column, "value": value[:30]}
        ) from None


def parse(data: bytes, *, progress: Callable[[int], None] | None = None) -> CbsFile:
    """Read a CBS CSV. Every problem of structure or content is a :class:`CbsFileError`."""
    text = decode(data)
    first_line = text.splitlines()[0] if text.splitlines() else ""
    if ";" not in first_line:
        raise CbsFileError(
            _(
                "Dit is geen CBS-bestand: de kolommen moeten gescheiden zijn door puntkomma's "
                "(;), zoals in het CSV-bestand 'Kerncijfers wijken en buurten' van CBS."
            )
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"')
    header = [base_name(c) for c in next(reader)]
    duplicates = sorted({c for c in header if c and header.count(c) > 1})
    if duplicates:
        raise CbsFileError(_("Kolommen staan er dubbel in: %s.") % ", ".join(duplicates))
    code_column = next((c for c in CODE_COLUMNS if c in header), None)
    missing = [c for c in REQUIRED if c not in header]
    if code_column is None or missing:
        raise CbsFileError(
            _(
                "Dit is geen CBS-bestand 'Kerncijfers wijken en buurten': de kolommen "
                "%(needed)s ontbreken. Gevonden kolommen: %(found)s."
            )
            % {
                "needed": ", ".join([*([] if code_column else ["Codering"]), *missing]),
                "found": ", ".join(c for c in header[:8] if c) or "-",
            }
        )
    known = set(COLUMNS) | set(CODE_COLUMNS) | {"ID", "Gemeentenaam", "SoortRegio"}
    used = [c for c in header if c in COLUMNS]
    ignored = [c for c in header if c and c not in known]
    index = {c: i for i, c in enumerate(header)}
    rows: list[CbsRow] = []
    seen: dict[str, int] = {}
    for number, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            raise CbsFileError(
                _("Regel %(line)s heeft %(n)s kolommen in plaats van %(expected)s.")
                % {"line": number, "n": len(record), "expected": len(header)}
            )
        code = record[index[code_column]].strip()
        if not CODE_RE.match(code):
            raise CbsFileError(
                _(
                    "Regel %(line)s: '%(code)s' is geen CBS-code van een gemeente, wijk of "
                    "buurt (GM0000, WK000000 of BU00000000)."
                )
                % {"line": number, "code": code[:20]}
            )
        if code in seen:
            raise CbsFileError(
                _("Regel %(line)s: code %(code)s stond al op regel %(first)s.")
                % {"line": number, "code": code, "first": seen[code]}
            )
        seen[code] = number
        figures = {COLUMNS[c][0]: _number(record[index[c]], COLUMNS[c][1], number, c) for c in used}
        rows.append(CbsRow(number, code, figures))
        if progress is not None and len(rows) % 500 == 0:
            progress(len(rows))
    if not rows:
        raise CbsFileError(_("Het bestand bevat geen regels met cijfers."))
    return CbsFile(rows=rows, used_columns=used, ignored_columns=ignored)
