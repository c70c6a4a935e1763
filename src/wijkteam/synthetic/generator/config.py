"""Sizes, fixed values and the code tables of the synthetic municipality."""

import base64
import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils import timezone, translation

from wijkteam.cases import constants as case_constants
from wijkteam.organisation.models import Municipality
from wijkteam.residents import constants as resident_constants

UTC = datetime.UTC
PASSWORD = "Synthetisch-wachtwoord-2026"  # noqa: S105 - the benchmark's log-in, synthetic data only
MUNICIPALITY_CODE = "GM9998"
MUNICIPALITY_NAME = "Gemeente Synthese"
CITY = "Synthese"
END_DATE = datetime.date(2026, 10, 31)  # the last day of the generated history
DEFAULT_SEED = 5_2026
# Raise when a change alters the generated data: the benchmark then rebuilds a kept database.
DATA_VERSION = 3
Progress = Callable[[str], None]


class _Codes:
    """A code list as plain strings: enum members are slow in a loop of millions of rows."""

    def __init__(self, choices: type[models.TextChoices]) -> None:
        self.values = [str(v) for v in choices.values]
        for member in choices:
            setattr(self, member.name, str(member.value))
        self._choices = choices
        self._labels: dict[str, str] = {}

    def label(self, value: str) -> str:
        if not self._labels:
            with translation.override("nl"):
                self._labels = {str(v): str(lbl) for v, lbl in self._choices.choices}
        return self._labels[value]

    def __getattr__(self, name: str) -> str:  # for mypy: members are set in __init__
        raise AttributeError(name)


ActionStatus = _Codes(case_constants.ActionStatus)
AssessmentMoment = _Codes(case_constants.AssessmentMoment)
CaseState = _Codes(case_constants.CaseState)
Channel = _Codes(case_constants.Channel)
ClosureOutcome = _Codes(case_constants.ClosureOutcome)
DecisionOutcome = _Codes(case_constants.DecisionOutcome)
DecisionStatus = _Codes(case_constants.DecisionStatus)
EvaluationOutcome = _Codes(case_constants.EvaluationOutcome)
Frequency = _Codes(case_constants.Frequency)
GoalStatus = _Codes(case_constants.GoalStatus)
InterventionKind = _Codes(case_constants.InterventionKind)
InterventionStatus = _Codes(case_constants.InterventionStatus)
LawTrack = _Codes(case_constants.LawTrack)
LegalBasis = _Codes(case_constants.LegalBasis)
OwnerKind = _Codes(case_constants.OwnerKind)
ReferrerKind = _Codes(case_constants.ReferrerKind)
ReportStatus = _Codes(case_constants.ReportStatus)
TriageOutcome = _Codes(case_constants.TriageOutcome)
Unit = _Codes(case_constants.Unit)
HouseholdRelation = _Codes(resident_constants.HouseholdRelation)
NetworkRelation = _Codes(resident_constants.NetworkRelation)


@dataclass(frozen=True)
class Size:
    name: str
    teams: int
    members: int
    residents: int
    cases: int
    years: int
    access_log: int
    open_per_coordinator: int
    open_reports_per_team: int


SIZES: dict[str, Size] = {
    "tiny": Size("tiny", 1, 12, 300, 150, 3, 3_000, 6, 6),
    "small": Size("small", 1, 25, 5_000, 2_000, 10, 100_000, 14, 15),
    "city": Size("city", 30, 800, 100_000, 500_000, 10, 10_000_000, 32, 20),
}


def totp_key(username: str) -> str:
    """The fixed TOTP key (hex) of a synthetic member, so the load generator can log in."""
    return hashlib.sha256(f"wijkteam-synthetic-totp:{username}".encode()).hexdigest()[:40]


def totp_secret(username: str) -> str:
    return base64.b32encode(bytes.fromhex(totp_key(username))).decode()


def exists() -> bool:
    return Municipality.objects.filter(cbs_code=MUNICIPALITY_CODE).exists()


def end_date() -> datetime.date:
    """END_DATE, or yesterday on a machine whose clock is behind it (never a future date)."""
    return min(END_DATE, timezone.localdate() - datetime.timedelta(days=1))
