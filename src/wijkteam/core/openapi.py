"""What every API operation may answer besides success, written into the OpenAPI document.

A drf-spectacular post-processing hook (``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``):
each operation documents the structured errors of ``core.api.exception_handler`` (400, 401,
403, 404, 409 for writes), the 503 problem body of ``core.errors.service_unavailable``, and
each POST the ``Idempotency-Key`` header of ``core.idempotency``. A ``Patched…`` request body
that carries ``expected_version`` lists it as required: every PATCH refuses a request
without it (400 naming the field).
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

ERROR = {
    "type": "object",
    "description": "Een fout: code, uitleg en per veld de meldingen.",
    "properties": {
        "code": {"type": "string"},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {},
            "description": "Per veld (of non_field_errors) de meldingen.",
        },
    },
    "required": ["code", "detail"],
    "additionalProperties": True,
}
PROBLEM = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "code": {"type": "string"},
        "detail": {"type": "string"},
    },
    "required": ["status", "detail"],
}
WRITES = ("post", "put", "patch", "delete")


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["Problem"] = PROBLEM
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            errors = {
                "400": str(_("Ongeldige invoer (per veld de meldingen).")),
                "401": str(_("Niet ingelogd.")),
                "403": str(_("Geen toegang.")),
                "404": str(_("Niet gevonden of buiten uw bereik.")),
            }
            if method in WRITES:
                errors["409"] = str(
                    _(
                        "Conflict: een nieuwere versie, een dubbel gegeven of een hergebruikte sleutel."
                    )
                )
            for status, description in errors.items():
                responses.setdefault(status, _error(description))
            responses.setdefault(
                "503",
                {
                    "description": str(_("De database is tijdelijk niet bereikbaar.")),
                    "content": {
                        "application/problem+json": {
                            "schema": {"$ref": "#/components/schemas/Problem"}
                        }
                    },
                },
            )
            if method == "post":
                operation.setdefault("parameters", []).append(
                    {
                        "in": "header",
                        "name": "Idempotency-Key",
                        "required": False,
                        "schema": {"type": "string", "maxLength": 255},
                        "description": str(
                            _(
                                "Een eigen sleutel per bedoelde handeling: een herhaling met "
                                "dezelfde sleutel geeft het eerste antwoord terug."
                            )
                        ),
                    }
                )
    for name, schema in schemas.items():
        properties = schema.get("properties", {})
        if name.startswith("Patched") and "expected_version" in properties:
            required = schema.setdefault("required", [])
            if "expected_version" not in required:
                required.append("expected_version")
    return result
