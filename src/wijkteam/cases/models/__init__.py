"""Casework models, one module per stage of the work."""

from .assessment import Assessment, AssessmentScore, Instrument, InstrumentDomain, ScaleLabel
from .case import Case, CaseTransition, CoordinatorAssignment
from .decision import Decision
from .initiative import InitiativeConnection
from .intervention import Allocation, Intervention, ScaleEvent, TimeEntry
from .investigation import Conversation, Investigation
from .journal import JournalEntry
from .plan import Action, Evaluation, Goal, Plan, PlanVersion
from .report import Report
from .terms import EquatedHoliday, TermExtension, TermSuspension, TrackedTerm

__all__ = [
    "Action",
    "Allocation",
    "Assessment",
    "AssessmentScore",
    "Case",
    "CaseTransition",
    "Conversation",
    "CoordinatorAssignment",
    "Decision",
    "EquatedHoliday",
    "Evaluation",
    "Goal",
    "InitiativeConnection",
    "Instrument",
    "InstrumentDomain",
    "Intervention",
    "Investigation",
    "JournalEntry",
    "Plan",
    "PlanVersion",
    "Report",
    "ScaleEvent",
    "ScaleLabel",
    "TermExtension",
    "TermSuspension",
    "TimeEntry",
    "TrackedTerm",
]
