"""Validate a document against HSDS 3.0 with the vendored schemas (``schema/*.json``).

HSDS 3.0 defines its objects, not a bulk file. The export is the shape of the HSDS 3.0 API's
``GET /services`` answer: the API's ``Page`` fields (``total_items``, ``page_number`` …) and
``contents``, a list of HSDS ``service`` objects with their organisation, locations and
attributes embedded. ``PAGE_SCHEMA`` below is that wrapper (written here, after the ``Page``
component of HSDS's ``openapi.json``); every service in it is checked against the unmodified
``service.json`` and, through its ``$ref``s, the other HSDS schemas.
"""

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
BASE = "https://wijkteam.invalid/hsds/3.0/"

PAGE_SCHEMA: dict[str, Any] = {
    "$id": f"{BASE}page.json",
    "type": "object",
    "required": ["total_items", "contents"],
    "properties": {
        "total_items": {"type": "integer", "minimum": 0},
        "total_pages": {"type": "integer", "minimum": 0},
        "page_number": {"type": "integer", "minimum": 0},
        "size": {"type": "integer", "minimum": 0},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
        "contents": {"type": "array", "items": {"$ref": "service.json"}},
    },
}


@functools.cache
def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((f"{BASE}{path.name}", DRAFT202012.create_resource(contents)))
    return Registry().with_resources(resources)


@functools.cache
def page_validator() -> Draft202012Validator:
    return Draft202012Validator(
        PAGE_SCHEMA, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def schema_errors(document: Any, *, limit: int = 10) -> list[str]:
    """Up to ``limit`` schema violations as "path: message" (empty when the document is valid)."""
    found = []
    errors = sorted(page_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors[:limit]:
        where = "/".join(str(p) for p in error.absolute_path) or "(document)"
        found.append(f"{where}: {error.message}")
    return found
