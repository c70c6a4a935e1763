"""Reads of team designs: the list, one design, its questionnaire with progress per block,
the differences with the team's set-up, the history of an answer.

A design holds no resident data: no access-log entry, but always scoped to the user.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from wijkteam.accounts.models import User
from wijkteam.organisation.models import Team

from .. import answers, policies
from ..constants import Block
from ..models import Answer, Question, TeamDesign


@dataclass
class QuestionView:
    question: Question
    answer: Answer | None
    value: Any  # the current value, or the team's set-up when not answered yet
    prefilled: bool = False

    @property
    def readable(self) -> str:
        return answers.readable(self.question, self.value)

    @property
    def answered(self) -> bool:
        return self.answer is not None and not self.answer.is_empty


@dataclass
class BlockView:
    block: str
    label: str
    questions: list[QuestionView] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.answered)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100

    @property
    def topics(self) -> list[tuple[str, list[QuestionView]]]:
        grouped: list[tuple[str, list[QuestionView]]] = []
        for q in self.questions:
            if not grouped or grouped[-1][0] != q.question.topic:
                grouped.append((q.question.topic, []))
            grouped[-1][1].append(q)
        return grouped


@dataclass(frozen=True)
class Difference:
    question: Question
    team_value: Any
    answer_value: Any

    @property
    def team_readable(self) -> str:
        return answers.readable(self.question, self.team_value)

    @property
    def answer_readable(self) -> str:
        return answers.readable(self.question, self.answer_value)


def design_list(*, user: User) -> QuerySet[TeamDesign]:
    return policies.design_scope(user).select_related("team").order_by("team__name", "planned_name")


def startable_teams(*, user: User) -> QuerySet[Team]:
    return Team.objects.filter(policies.startable_team_filter(user)).order_by("name")


def design_get(*, user: User, pk: int) -> TeamDesign:
    design = (
        policies.design_scope(user)
        .select_related("team", "municipality", "created_by")
        .filter(pk=pk)
        .first()
    )
    if design is None:
        raise Http404
    return design


def current_answers(design: TeamDesign) -> dict[int, Answer]:
    """The newest version of each answered question (one query)."""
    latest: dict[int, Answer] = {}
    for answer in (
        Answer.objects.filter(design=design)
        .select_related("answered_by")
        .order_by("question_id", "-version")
    ):
        latest.setdefault(answer.question_id, answer)
    return latest


def questionnaire(*, design: TeamDesign, block: str | None = None) -> list[BlockView]:
    """The active questions per block with the current answers (prefilled from the team's
    set-up where not answered yet)."""
    latest = current_answers(design)
    questions = Question.objects.filter(active=True)
    if block:
        questions = questions.filter(block=block)
    views = {b: BlockView(b, str(label)) for b, label in Block.choices if not block or b == block}
    team_values = _team_values(design)
    for question in questions.order_by("order", "pk"):
        answer = latest.get(question.pk)
        if answer is not None:
            views[question.block].questions.append(QuestionView(question, answer, answer.value))
        elif question.config_field and question.config_field in team_values:
            value = team_values[question.config_field]
            views[question.block].questions.append(
                QuestionView(question, None, value, prefilled=not answers.is_empty(value))
            )
        else:
            views[question.block].questions.append(QuestionView(question, None, None))
    return list(views.values())


def _team_values(design: TeamDesign) -> dict[str, Any]:
    if design.team is None:
        return {}
    fields = Question.objects.filter(active=True).exclude(config_field="")
    return {
        f: answers.team_value(design.team, f) for f in fields.values_list("config_field", flat=True)
    }


def differences(*, design: TeamDesign) -> list[Difference]:
    """Set-up questions whose current answer differs from what the team's set-up says."""
    if design.team is None:
        return []
    latest = current_answers(design)
    found = []
    for question in Question.objects.filter(active=True).exclude(config_field=""):
        answer = latest.get(question.pk)
        if answer is None or answer.is_empty:
            continue
        team_value = answers.team_value(design.team, question.config_field)
        if not answers.same(team_value, answer.value):
            found.append(Difference(question, team_value, answer.value))
    return found


def answer_history(
    *, design: TeamDesign, question_pk: int
) -> tuple[Question, list[tuple[Answer, str]]]:
    """Every version of one answer, newest first, with the answer as a reader sees it."""
    question = Question.objects.filter(pk=question_pk).first()
    if question is None:
        raise Http404
    versions = (
        Answer.objects.filter(design=design, question=question)
        .select_related("answered_by")
        .order_by("-version")
    )
    return question, [(a, answers.readable(question, a.value)) for a in versions]
