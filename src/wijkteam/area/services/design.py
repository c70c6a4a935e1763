"""Writes of team designs: start one, save answers (a new version per changed answer), apply
the set-up answers to the team (after confirmation), and edit the question bank."""

import uuid
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.organisation import services as org_services
from wijkteam.organisation.constants import TargetGroup
from wijkteam.organisation.models import Municipality, Team

from .. import answers, policies
from ..constants import NOTE_MAX, AnswerKind, Block, ConfigField
from ..models import Answer, Question, TeamDesign
from ..selectors.design import current_answers, differences


def design_start(
    *,
    actor: User,
    team: Team | None = None,
    municipality: Municipality | None = None,
    planned_name: str = "",
) -> TeamDesign:
    """Start the design of an existing team, or (beheerder) of a team still being planned."""
    planned_name = planned_name.strip()
    if not policies.may_start_design(actor, team.pk if team else None):
        raise PermissionDenied(_("Alleen de teamleider of de functioneel beheerder start dit."))
    if team is None and (not planned_name or municipality is None):
        raise ValidationError({"planned_name": _("Geef het geplande team een naam.")})
    if team is not None and TeamDesign.objects.filter(team=team).exists():
        raise ValidationError(_("Team %s heeft al een ontwerp.") % team.name)
    if team is None and Team.objects.filter(municipality=municipality, name=planned_name).exists():
        raise ValidationError(
            {"planned_name": _("Er is al een team met deze naam: kies dat team.")}
        )
    design = TeamDesign(
        team=team,
        municipality=team.municipality if team else municipality,
        planned_name="" if team else planned_name,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            design.save()
            audit_record(
                actor=actor, action=AuditAction.CREATE, obj=design, object_repr=str(design)
            )
    except IntegrityError:
        raise ValidationError({"planned_name": _("Er is al een ontwerp met deze naam.")}) from None
    return design


def design_link_team(*, actor: User, design: TeamDesign, team: Team) -> TeamDesign:
    """The planned team now exists: the design becomes the design of that team."""
    if not policies.may_apply_to_team(actor, design) and not (
        policies.may_edit_questions(actor) and design.team_id is None
    ):
        raise PermissionDenied(_("Alleen de functioneel beheerder koppelt een team."))
    if design.team_id is not None:
        raise ValidationError(_("Dit ontwerp hoort al bij een team."))
    if team.municipality_id != design.municipality_id:
        raise ValidationError({"team": _("Kies een team uit dezelfde gemeente.")})
    with transaction.atomic():
        if TeamDesign.objects.select_for_update().filter(team=team).exists():
            raise ValidationError({"team": _("Team %s heeft al een ontwerp.") % team.name})
        design.team = team
        design.planned_name = ""
        design.save(update_fields=["team", "planned_name"])
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=design, changes={"team": team.pk})
    return design


def answers_save(
    *, actor: User, design: TeamDesign, values: Mapping[int, tuple[Any, str]]
) -> list[Answer]:
    """Save answers ``{question pk: (value, note)}``: a new version for each answer that
    changed, nothing when any value is out of range (errors keyed ``q<pk>``)."""
    if not policies.may_edit_design(actor, design):
        raise PermissionDenied(_("Alleen de teamleider of de functioneel beheerder vult dit in."))
    questions = Question.objects.in_bulk(list(values))
    errors: dict[str, list[str]] = {}
    cleaned: dict[int, tuple[Any, str]] = {}
    for pk, (raw, note) in values.items():
        question = questions.get(pk)
        if question is None or not question.active:
            errors[f"q{pk}"] = [_("Deze vraag bestaat niet (meer).")]
            continue
        note = (note or "").strip()
        if len(note) > NOTE_MAX:
            errors[f"n{pk}"] = [
                _("De toelichting is te lang: ten hoogste %(max)s tekens.") % {"max": NOTE_MAX}
            ]
        try:
            cleaned[pk] = (answers.normalise(question, raw), note)
        except ValidationError as exc:
            errors[f"q{pk}"] = exc.messages
    if errors:
        raise ValidationError(errors)
    saved: list[Answer] = []
    with transaction.atomic():
        TeamDesign.objects.select_for_update().filter(pk=design.pk).first()
        latest = current_answers(design)
        for pk, (value, note) in cleaned.items():
            current = latest.get(pk)
            if current is None and value is None and not note:
                continue
            if current is not None and answers.same(current.value, value) and current.note == note:
                continue
            saved.append(
                Answer.objects.create(
                    design=design,
                    question=questions[pk],
                    version=(current.version + 1) if current else 1,
                    value=value,
                    note=note,
                    answered_by=actor,
                )
            )
        if saved:
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=design,
                object_repr=str(design),
                changes={"antwoorden": sorted(a.question.code for a in saved)},
            )
    return saved


def design_apply_to_team(*, actor: User, design: TeamDesign, expected_version: int) -> Team:
    """Bring the team's set-up in line with the set-up answers (the beheerder confirmed)."""
    if not policies.may_apply_to_team(actor, design):
        raise PermissionDenied(_("Alleen de functioneel beheerder wijzigt de inrichting."))
    assert design.team is not None
    with transaction.atomic():
        team = Team.objects.select_for_update().get(pk=design.team.pk)
        if team.version != expected_version:
            raise ConcurrentEditError
        changes = {d.question.config_field: d.answer_value for d in differences(design=design)}
        if not changes:
            return team
        functions = changes.pop(ConfigField.FUNCTIONS, None)
        for name, value in changes.items():
            setattr(team, name, value or "")
        if ConfigField.TARGET_GROUP in changes and team.target_group != TargetGroup.EEN_DOMEIN:
            team.target_domain = ""
        team = org_services.team_save(
            actor=actor,
            team=team,
            functions=functions
            if functions is not None
            else team.functions.values_list("function", flat=True),
            neighbourhoods=list(team.neighbourhoods.all()),
            expected_version=expected_version,
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=design,
            object_repr=str(design),
            changes={
                "inrichting_bijgewerkt": sorted(
                    [*changes, *(["functions"] if functions is not None else [])]
                )
            },
        )
    return team


def question_save(
    *,
    actor: User,
    question: Question,
    block: str,
    topic: str,
    text: str,
    help_text: str,
    kind: str,
    options: list[str],
    order: int,
    active: bool,
) -> Question:
    """The beheerder edits or adds a question of the bank (set-up questions keep their kind)."""
    if not policies.may_edit_questions(actor):
        raise PermissionDenied(_("Alleen de functioneel beheerder beheert de vragenbank."))
    errors: dict[str, str] = {}
    options = [o.strip() for o in options if o.strip()]
    if block not in Block.values:
        errors["block"] = _("Kies een van de zes bouwstenen.")
    if not text.strip():
        errors["text"] = _("Vul de vraag in.")
    if question.config_field and kind != question.kind:
        errors["kind"] = _("Een vraag over de inrichting van het team houdt haar soort antwoord.")
    if kind in (AnswerKind.CHOICE, AnswerKind.MULTI) and not question.config_field:
        if len(options) < 2:
            errors["options"] = _("Geef ten minste twee keuzes, elk op een eigen regel.")
        elif len(set(options)) != len(options):
            errors["options"] = _("Elke keuze mag maar één keer voorkomen.")
    elif options and not question.config_field:
        errors["options"] = _("Keuzes horen alleen bij een keuzevraag.")
    if errors:
        raise ValidationError(errors)
    before = {"text": question.text, "kind": question.kind, "active": question.active}
    question.block, question.topic, question.text = block, topic.strip(), text.strip()
    question.help_text, question.kind, question.order = help_text.strip(), kind, order
    question.options = [] if question.config_field else options
    question.active = active
    if not question.code:
        question.code = f"eigen-{uuid.uuid4().hex[:10]}"
    question.full_clean()
    with transaction.atomic():
        adding = question._state.adding
        question.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if adding else AuditAction.UPDATE,
            obj=question,
            object_repr=question.code,
            changes={"before": before} if not adding else {},
        )
    return question
