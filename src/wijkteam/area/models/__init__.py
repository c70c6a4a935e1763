from .design import Answer, Question, TeamDesign
from .figures import FIGURE_FIELDS, AreaFigures, CbsImport
from .plan import DevelopmentAction, DevelopmentGoal, PlanEvent, PlanReview

__all__ = [
    "FIGURE_FIELDS",
    "Answer",
    "AreaFigures",
    "CbsImport",
    "DevelopmentAction",
    "DevelopmentGoal",
    "PlanEvent",
    "PlanReview",
    "Question",
    "TeamDesign",
]
