"""A deterministic synthetic municipality, written in bulk (issue 5).

``generate(size=SIZES["small"])`` builds one municipality into an empty database: teams, members
with a password and a TOTP device (for the benchmark's log-in), residents in households with
their informal network, ten years of meldingen and cases through every stage (onderzoek with
kitchen-table conversations and a ZRM measurement, plans with goals and actions, aanvragen and
besluiten with their legal terms, interventions with allocations and time entries,
evaluations), consents where the privacy app has them, and an access log with a valid HMAC-SHA256
hash chain (``privacy.access_log.entry_digest`` reproduced exactly, the head set at the end).

Everything comes from one ``random.Random(seed)``: the same size and seed give the same rows.  # noqa: S311 - synthetic data, not security
Rows are written with COPY on PostgreSQL and ``executemany`` on SQLite (see ``writer``); small
set-up tables go through ``bulk_create``.
"""

from .config import (
    CITY,
    DATA_VERSION,
    DEFAULT_SEED,
    END_DATE,
    MUNICIPALITY_CODE,
    MUNICIPALITY_NAME,
    PASSWORD,
    SIZES,
    UTC,
    ActionStatus,
    AssessmentMoment,
    CaseState,
    Channel,
    ClosureOutcome,
    DecisionOutcome,
    DecisionStatus,
    EvaluationOutcome,
    Frequency,
    GoalStatus,
    HouseholdRelation,
    InterventionKind,
    InterventionStatus,
    LawTrack,
    LegalBasis,
    NetworkRelation,
    OwnerKind,
    Progress,
    ReferrerKind,
    ReportStatus,
    Size,
    TriageOutcome,
    Unit,
    end_date,
    exists,
    totp_key,
    totp_secret,
)
from .records import CaseRef, HouseholdInfo, Member, Result, TeamInfo
from .run import Generator, generate

__all__ = [
    "CITY",
    "DATA_VERSION",
    "DEFAULT_SEED",
    "END_DATE",
    "MUNICIPALITY_CODE",
    "MUNICIPALITY_NAME",
    "PASSWORD",
    "SIZES",
    "UTC",
    "ActionStatus",
    "AssessmentMoment",
    "CaseRef",
    "CaseState",
    "Channel",
    "ClosureOutcome",
    "DecisionOutcome",
    "DecisionStatus",
    "EvaluationOutcome",
    "Frequency",
    "Generator",
    "GoalStatus",
    "HouseholdInfo",
    "HouseholdRelation",
    "InterventionKind",
    "InterventionStatus",
    "LawTrack",
    "LegalBasis",
    "Member",
    "NetworkRelation",
    "OwnerKind",
    "Progress",
    "ReferrerKind",
    "ReportStatus",
    "Result",
    "Size",
    "TeamInfo",
    "TriageOutcome",
    "Unit",
    "end_date",
    "exists",
    "generate",
    "totp_key",
    "totp_secret",
]
