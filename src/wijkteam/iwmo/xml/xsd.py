"""Validation against the official XSD package, when the operator configures its folder.

Zorginstituut Nederland publishes the XSD files of each release (iWmo and iJw separately) on
the iStandaarden site; this repository holds no copy. Set ``IWMO_XSD_DIR`` and ``IJW_XSD_DIR``
(environment, read in the settings) to the unpacked folders; every message is then also
validated against ``WMO<nnn>.xsd`` / ``JW<nnn>.xsd`` in that folder. The schemas are read with
the same hardened parser (no network; the basisschema is imported from the same folder).
"""

import functools
import re
from pathlib import Path

from lxml import etree

from .. import conf
from ..constants import schema_file_name


def xsd_dir(standard: str) -> Path | None:
    value = conf.xsd_dir(standard)
    return Path(value) if value else None


@functools.cache
def _schema(path: str) -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.XMLSchema(etree.parse(path, parser=parser))


def validate(standard: str, number: str, data: bytes) -> list[str] | None:
    """The XSD errors of ``data``; ``None`` when no XSD folder (or no file) is configured."""
    folder = xsd_dir(standard)
    if folder is None:
        return None
    path = folder / schema_file_name(standard, number)
    if not path.is_file():
        return None
    schema = _schema(str(path))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    document = etree.fromstring(data, parser=parser)
    if schema.validate(document):
        return []
    # The messages quote the offending value (a BSN, a name): never keep it in the log.
    return [
        f"regel {e.line}: {_VALUE.sub("value '…'", e.message)}"[:250]
        for e in list(schema.error_log)  # type: ignore[call-overload]
    ][:20]


_VALUE = re.compile(r"value '[^']*'")
