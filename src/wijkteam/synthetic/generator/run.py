"""Orchestration: run the stages in order, with fast loading and the checksum."""

import json
import time

from django.db import connection, models, transaction

from wijkteam.cases.models import (
    Action,
    Allocation,
    Assessment,
    AssessmentScore,
    Case,
    CaseTransition,
    Conversation,
    CoordinatorAssignment,
    Decision,
    Evaluation,
    Goal,
    Intervention,
    Investigation,
    Plan,
    PlanVersion,
    Report,
    TimeEntry,
    TrackedTerm,
)
from wijkteam.privacy.models import AccessLogEntry, AccessLogResident
from wijkteam.residents.models import Household, NetworkMember, Resident

from ..writer import FastLoad, reset_sequences
from .access_log import _AccessLogStage
from .cases import _CasesStage
from .config import DEFAULT_SEED, Progress, Size, exists
from .consents import _ConsentsStage
from .figures import _FiguresStage
from .organisation import _OrganisationStage
from .records import Result
from .residents import _ResidentsStage


class Generator(
    _OrganisationStage,
    _ResidentsStage,
    _CasesStage,
    _ConsentsStage,
    _AccessLogStage,
    _FiguresStage,
):
    """All stages together; ``generate`` runs them in order."""


def _bulk_tables() -> list[str]:
    model_list: list[type[models.Model]] = [
        Household, Resident, NetworkMember, Case, Case.involved_members.through, Report,
        CaseTransition, CoordinatorAssignment, TrackedTerm, Investigation, Conversation,
        Conversation.residents.through, Assessment, AssessmentScore, Plan, Goal, Action,
        PlanVersion, Decision, Intervention, Allocation, TimeEntry, Evaluation, AccessLogEntry,
        AccessLogResident,
    ]  # fmt: skip
    return [m._meta.db_table for m in model_list]


def generate(
    *,
    size: Size,
    seed: int = DEFAULT_SEED,
    progress: Progress = lambda _m: None,
    fast: bool | None = None,
) -> Result:
    """Build the synthetic municipality into the current database (which must not have it yet).

    ``fast`` (default: on PostgreSQL for sizes of 100,000 cases or more) drops the foreign keys,
    unique constraints and secondary indexes of the bulk tables while loading and restores them
    afterwards, which validates every row at once at the end.
    """
    if exists():
        raise ValueError(
            "Deze database heeft de synthetische gemeente al: bouw in een lege database."
        )
    gen = Generator(size, seed, progress)
    started = time.monotonic()
    if fast is None:
        fast = connection.vendor == "postgresql" and size.cases >= 100_000
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SET synchronous_commit = off")
            cur.execute("SET maintenance_work_mem = '1GB'")
    use_atomic = connection.vendor == "sqlite" or connection.in_atomic_block
    context = transaction.atomic() if use_atomic else _nullcontext()
    with context:
        gen.organisation()
        loader = FastLoad(_bulk_tables(), progress) if fast else _nullcontext()
        with loader:
            gen.residents()
            gen.cases_()
            gen.access_log()
        gen.consents()
        reset_sequences(
            [
                Household,
                Resident,
                NetworkMember,
                Case,
                Case.involved_members.through,
                Report,
                CaseTransition,
                CoordinatorAssignment,
                TrackedTerm,
                Investigation,
                Conversation,
                Conversation.residents.through,
                Assessment,
                AssessmentScore,
                Plan,
                Goal,
                Action,
                PlanVersion,
                Decision,
                Intervention,
                Allocation,
                TimeEntry,
                Evaluation,
                AccessLogEntry,
                AccessLogResident,
            ]
        )
        gen.figures()
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SET synchronous_commit = on")
            progress("ANALYZE")
            cur.execute("ANALYZE")
    for table in gen.w.order:
        gen.result.counts[table.name] = table.count
    gen.result.counts["casussen"] = len(gen.cases)
    # Independent of database ids (sequences differ between runs on PostgreSQL): the random
    # stream's final state, the members and the row counts.
    gen.digest.update(json.dumps(gen.result.counts, sort_keys=True).encode())
    gen.result.checksum = gen.digest.hexdigest()
    gen.result.seconds["totaal"] = round(time.monotonic() - started, 1)
    return gen.result


class _nullcontext:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
