"""The small records the generator keeps while it builds, and id/BSN/time helpers."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import models

from ..writer import next_id
from .config import UTC


@dataclass
class Result:
    size: str
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    checksum: str = ""
    chain_head: str = ""
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class Member:
    user_id: int
    username: str
    team_index: int
    roles: list[str]
    organisation_id: int
    role_label: str = ""
    organisation_name: str = ""


@dataclass
class TeamInfo:
    index: int
    team_id: int
    neighbourhood_ids: list[int]
    leader: Member | None = None
    coordinators: list[Member] = field(default_factory=list)
    beslissers: list[Member] = field(default_factory=list)
    supporters: list[Member] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    households: list[int] = field(default_factory=list)
    residents: list[int] = field(default_factory=list)


@dataclass
class HouseholdInfo:
    household_id: int
    team_index: int
    resident_ids: list[int]
    head_id: int
    partner_id: int | None


@dataclass
class CaseRef:
    case_id: int
    opened: int  # date ordinal
    household_index: int
    coordinator: Member
    team_index: int


class _Ids:
    def __init__(self, models_: Sequence[type[models.Model]]) -> None:
        self.next = {m: next_id(m) for m in models_}

    def take(self, model: type[models.Model]) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value


def _bsn(number: int) -> str:
    """A valid BSN (elfproef) from an 8-digit stem; None-safe callers skip stems ending in 10."""
    digits = f"{number:08d}"
    total = sum(int(d) * (9 - i) for i, d in enumerate(digits))
    check = total % 11
    return digits + str(check) if check < 10 else ""


def _aware(day: datetime.date, seconds: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=UTC) + datetime.timedelta(
        seconds=seconds
    )
