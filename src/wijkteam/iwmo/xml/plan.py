"""Which RetourCodes a retour we write gives each block of the message it answers.

Every finding (:class:`~.types.Finding`) names its block. The header carries the header's own
findings, or ``0200``. A block with findings carries their codes. A block without findings
carries ``0200`` ("geen opmerking over deze berichtklasse") when it was judged and the message
was processed; the message is handled as a whole (one refused product rolls back the others),
so in a refused message a product without its own finding carries ``0233`` ("niet
beoordeeld": nothing of it was applied), and when the header itself was refused (unknown
sender, duplicate BerichtIdentificatie, XSD) every block below it carries ``0233``.
"""

from collections.abc import Iterable

from ..constants import RetourCode
from .types import Finding, RetourPlan

NOT_JUDGED = "0233"


def retour_plan(findings: Iterable[Finding], *, lines: int) -> tuple[list[str], RetourPlan]:
    """The header's RetourCodes and the :class:`RetourPlan` of the other blocks."""
    own: dict[tuple[str, int], set[str]] = {}
    for finding in findings:
        block = finding.block if finding.block in ("client", "request", "line") else "header"
        index = finding.position if block == "line" else 0
        own.setdefault((block, index), set()).add(finding.code)
    header = sorted(own.get(("header", 0), set()))
    judged = RetourCode.GOEDGEKEURD if not header else NOT_JUDGED
    untouched = RetourCode.GOEDGEKEURD if not own else NOT_JUDGED

    def codes(key: tuple[str, int], default: str) -> list[str]:
        return sorted(own.get(key, set())) or [str(default)]

    plan = RetourPlan(
        client=codes(("client", 0), judged),
        request=codes(("request", 0), judged),
        lines=[codes(("line", index), untouched) for index in range(lines)],
    )
    return header or [str(RetourCode.GOEDGEKEURD)], plan
