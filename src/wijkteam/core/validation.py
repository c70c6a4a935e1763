"""Model validation with the errors of ``full_clean`` in fewer queries.

Django's ``full_clean`` looks up every foreign key with a query of its own and checks every
``CheckConstraint`` with a query in a savepoint of its own (three statements each): a decision
with four check constraints and four foreign keys costs sixteen statements before it is saved.
:func:`full_clean_batched` gives the same errors (field errors, ``clean()``, unique checks,
constraint messages) while

- not looking up a foreign key whose related object is already loaded on the instance (it was
  read from the database or created there in this transaction), and
- evaluating all check constraints of the model in **one** ``SELECT``.

Use it in services on hot paths; the database still enforces every constraint.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldError, ValidationError
from django.db import models, router
from django.db.models import BooleanField, CheckConstraint, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE


def _loaded_relations(instance: models.Model) -> set[str]:
    """Foreign keys whose related object is cached on the instance with the same key."""
    loaded = set()
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey) or not field.is_cached(instance):
            continue
        related = field.get_cached_value(instance)
        if (
            related is not None
            and related.pk is not None
            and related.pk == getattr(instance, field.attname)
        ):
            loaded.add(field.name)
    return loaded


def check_constraint_errors(instance: models.Model, *, exclude: set[str]) -> list[ValidationError]:
    """The violated check constraints of the instance, evaluated in one query.

    A constraint that refers to an excluded field is skipped, as Django does.
    """
    opts = instance._meta
    checks = [c for c in opts.constraints if isinstance(c, CheckConstraint)]
    if not checks:
        return []
    # The same map of field values Django's own constraint checks use.
    against = instance._get_field_expression_map(meta=opts, exclude=exclude)  # type: ignore[attr-defined]
    query = Query(None)
    for name, value in against.items():
        query.add_annotation(
            value if hasattr(value, "resolve_expression") else Value(value), name, select=False
        )
    evaluated: list[CheckConstraint] = []
    for n, constraint in enumerate(checks):
        try:
            query.add_annotation(
                Coalesce(Q(constraint.condition), Value(True), output_field=BooleanField()),
                f"_check_{n}",
            )
        except FieldError:  # refers to an excluded field
            continue
        evaluated.append(constraint)
    if not evaluated:
        return []
    using = router.db_for_write(type(instance), instance=instance)
    row: Any = query.get_compiler(using=using).execute_sql(SINGLE)
    return [
        ValidationError(c.get_violation_error_message(), code=c.violation_error_code)
        for c, ok in zip(evaluated, row, strict=True)
        if not ok
    ]


def full_clean_batched(
    instance: models.Model,
    *,
    exclude: Iterable[str] = (),
    constraint_errors: Callable[..., list[ValidationError]] | None = None,
) -> None:
    """``instance.full_clean(exclude=…)`` with the same errors, in fewer queries (see above).

    ``constraint_errors(instance, exclude=…)``: what evaluates the check constraints (default
    :func:`check_constraint_errors`; the decision's services pass one that gives the same
    errors without the query, ``cases/services/decision/constraints.py``)."""
    excluded = set(exclude)
    errors: dict[str, Any] = {}
    try:
        instance.clean_fields(exclude=excluded | _loaded_relations(instance))
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    try:
        instance.clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    excluded |= {name for name in errors if name != NON_FIELD_ERRORS}
    try:
        instance.validate_unique(exclude=excluded)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    excluded |= {name for name in errors if name != NON_FIELD_ERRORS}
    unique_errors: dict[str, Any] = {}
    for constraint in instance._meta.constraints:
        if isinstance(constraint, CheckConstraint):
            continue
        try:
            constraint.validate(type(instance), instance, exclude=excluded)  # type: ignore[attr-defined]
        except ValidationError as exc:
            fields: tuple[str, ...] = tuple(getattr(constraint, "fields", ()))
            if getattr(exc, "code", None) == "unique" and len(fields) == 1:
                unique_errors.setdefault(fields[0], []).append(exc)
            else:
                unique_errors = exc.update_error_dict(unique_errors)
    for name, found in unique_errors.items():
        errors.setdefault(name, []).extend(found)
    violated = (constraint_errors or check_constraint_errors)(instance, exclude=excluded)
    if violated:
        errors.setdefault(NON_FIELD_ERRORS, []).extend(violated)
    if errors:
        raise ValidationError(errors)
