"""The generator's state and the helpers every stage shares."""

import datetime
import hashlib
import random
import time
from typing import Any

from django.db import models

from wijkteam import deadlines
from wijkteam.cases.models import Instrument, InstrumentDomain
from wijkteam.organisation.models import Organisation

from ..writer import BulkWriter
from .config import Progress, Size, end_date
from .records import CaseRef, HouseholdInfo, Member, Result, TeamInfo, _aware, _Ids


class _GeneratorBase:
    # Set by ``cases_`` before the first case is built (declared here for the stage mixins).
    _ids: _Ids
    _conv_through: type[models.Model]
    _involved_through: type[models.Model]
    _through_ids: dict[type[models.Model], int]

    def __init__(self, size: Size, seed: int, progress: Progress) -> None:
        self.size = size
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        self.say = progress
        self.end = end_date()
        self.start = self.end - datetime.timedelta(days=365 * size.years)
        self.w = BulkWriter()
        self.result = Result(size=size.name, seed=seed)
        self.digest = hashlib.sha256()
        self.calendar = deadlines.AtwCalendar()
        self._due_cache: dict[tuple[str, datetime.date], datetime.date] = {}
        self.teams: list[TeamInfo] = []
        self.households: list[HouseholdInfo] = []
        self.cases: list[CaseRef] = []
        self.organisations: dict[str, Organisation] = {}
        self.providers: list[Organisation] = []
        self.domains: list[InstrumentDomain] = []
        self.instrument: Instrument | None = None
        self.members: list[Member] = []

    # ---------------------------------------------------------------------------------------
    # helpers
    # ---------------------------------------------------------------------------------------

    def _add(self, model: type[models.Model], values: dict[str, Any]) -> None:
        self.w.add(model, values)

    def _due(self, key: str, start: datetime.date) -> datetime.date:
        cached = self._due_cache.get((key, start))
        if cached is None:
            cached = deadlines.compute_due(key, start, calendar=self.calendar)
            self._due_cache[(key, start)] = cached
        return cached

    def _day(self, day: datetime.date, offset: int) -> datetime.date:
        return min(self.end, day + datetime.timedelta(days=offset))

    def _at(self, day: datetime.date) -> datetime.datetime:
        """A moment during office hours (07:00–16:00 UTC) on ``day``."""
        return _aware(day, self.rng.randrange(7 * 3600, 16 * 3600))

    def _timed(self, label: str, started: float) -> None:
        self.result.seconds[label] = round(time.monotonic() - started, 1)
