"""The plan as the editor wants it (``GoalData``, ``ActionData``) and its validation.

Validation errors name the row: ``goals.<n>.<field>`` and ``actions.<n>.<field>``, where
``<n>`` is the position in the lists passed in; plan fields use their own name.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.organisation.models import Organisation
from wijkteam.socialmap.constants import ServiceStatus
from wijkteam.socialmap.models import Service

from ...constants import ActionStatus, GoalStatus, OwnerKind
from ...models import Action, Case, Goal, InstrumentDomain
from ...selectors_plan import active_team_members, life_domains, provider_choices

NAMED_OWNER_KINDS = frozenset(
    {OwnerKind.INWONER, OwnerKind.NETWERK, OwnerKind.ALGEMENE_VOORZIENING}
)
DESCRIPTION_MAX = 250
OWNER_NAME_MAX = 150
AGREEMENT_NOTE_MAX = 250


@dataclass(frozen=True)
class GoalData:
    """One goal as the editor wants it. ``id`` matches an existing goal of the plan."""

    text: str
    domain: str = ""
    """Code of a ZRM 2017 life domain (``financien``, ``huisvesting`` …); empty for none."""
    status: str = GoalStatus.OPEN
    id: int | None = None


@dataclass(frozen=True)
class ActionData:
    """One action as the editor wants it. ``id`` matches an existing action of the plan.

    ``goal`` is the position of the goal it serves in the goals list of the same save.
    """

    description: str
    owner_kind: str
    owner_name: str = ""
    owner_user_id: int | None = None
    owner_organisation_id: int | None = None
    service_id: int | None = None
    due_on: datetime.date | None = None
    status: str = ActionStatus.OPEN
    goal: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class PlanChoices:
    """The editor's choice lists as the form has just read them (``selectors_plan``'s
    ``life_domain_list``, ``team_member_list``, ``provider_list``, ``social_map_list``), so the
    save does not read them again. Used only for the same team on the same day; otherwise the
    service reads them itself."""

    team_id: int
    day: datetime.date
    domains: Sequence[InstrumentDomain]
    members: Sequence[User]
    organisations: Sequence[Organisation]
    services: Sequence[Service]


@dataclass
class _Resolved:
    domains: dict[str, InstrumentDomain]
    users: dict[int, User]
    organisations: dict[int, Organisation]
    services: dict[int, Service]


def _validate_plan(
    *,
    case: Case,
    old_goals: dict[int, Goal],
    old_actions: dict[int, Action],
    goals: Sequence[GoalData],
    actions: Sequence[ActionData],
    discussed_on: datetime.date | None,
    agreed_on: datetime.date | None,
    agreement_note: str,
    known: PlanChoices | None = None,
) -> _Resolved:
    """Check everything before anything is written; raises one ValidationError with all errors.

    ``known``: the choice lists the caller read for this team today (the same rows the reads
    below would give); they replace those reads."""
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    today = timezone.localdate()
    if discussed_on is not None and discussed_on > today:
        add(
            "discussed_on",
            _("De datum van het gesprek met de inwoner kan niet in de toekomst liggen."),
        )
    if agreed_on is not None:
        if agreed_on > today:
            add("agreed_on", _("De datum van het akkoord kan niet in de toekomst liggen."))
        if discussed_on is None:
            add(
                "discussed_on",
                _(
                    "Vul in wanneer het plan met de inwoner is besproken: een akkoord volgt op "
                    "een gesprek."
                ),
            )
        elif agreed_on < discussed_on:
            add("agreed_on", _("Het akkoord kan niet vóór het gesprek met de inwoner liggen."))
    if len(agreement_note) > AGREEMENT_NOTE_MAX:
        add("agreement_note", _("Gebruik hoogstens %d tekens.") % AGREEMENT_NOTE_MAX)

    if known is not None and (known.team_id != case.team_id or known.day != today):
        known = None
    domain_codes = {g.domain for g in goals if g.domain}
    if known is not None:
        domains = {d.code: d for d in known.domains if d.code in domain_codes}
    else:
        domains = {d.code: d for d in life_domains().filter(code__in=domain_codes)}
    seen_goal_ids: set[int] = set()
    for i, g in enumerate(goals):
        key = f"goals.{i}"
        if not g.text.strip():
            add(f"{key}.text", _("Schrijf het doel op in de woorden van de inwoner."))
        if g.domain and g.domain not in domains:
            add(f"{key}.domain", _("Kies een leefgebied uit de Zelfredzaamheid-Matrix."))
        if g.status not in GoalStatus.values:
            add(f"{key}.status", _("Kies een geldige status voor het doel."))
        if g.id is not None:
            if g.id not in old_goals:
                add(
                    f"{key}.id",
                    _("Dit doel bestaat niet (meer) in dit plan. Laad het plan opnieuw."),
                )
            elif g.id in seen_goal_ids:
                add(f"{key}.id", _("Dit doel staat twee keer in het plan."))
            seen_goal_ids.add(g.id)

    user_ids = {a.owner_user_id for a in actions if a.owner_user_id is not None}
    org_ids = {a.owner_organisation_id for a in actions if a.owner_organisation_id is not None}
    service_ids = {a.service_id for a in actions if a.service_id is not None}
    if known is not None:
        members = {u.pk: u for u in known.members if u.pk in user_ids}
        organisations = {o.pk: o for o in known.organisations if o.pk in org_ids}
        services = {s.pk: s for s in known.services if s.pk in service_ids}
    else:
        members = {u.pk: u for u in active_team_members(case.team).filter(pk__in=user_ids)}
        organisations = {o.pk: o for o in provider_choices(case.team).filter(pk__in=org_ids)}
        services = {
            s.pk: s
            for s in Service.objects.filter(
                pk__in=service_ids,
                organisation__municipality_id=case.team.municipality_id,
                status=ServiceStatus.ACTIVE,
            )
        }
    seen_action_ids: set[int] = set()
    name_messages = {
        OwnerKind.INWONER: _("Elke actie heeft een eigenaar: vul in welke inwoner dit doet."),
        OwnerKind.NETWERK: _("Elke actie heeft een eigenaar: vul in wie uit het netwerk dit doet."),
        OwnerKind.ALGEMENE_VOORZIENING: _(
            "Elke actie heeft een eigenaar: vul in welke algemene voorziening dit doet."
        ),
    }
    for i, a in enumerate(actions):
        key = f"actions.{i}"
        if not a.description.strip():
            add(f"{key}.description", _("Beschrijf wat er moet gebeuren."))
        elif len(a.description) > DESCRIPTION_MAX:
            add(f"{key}.description", _("Gebruik hoogstens %d tekens.") % DESCRIPTION_MAX)
        if a.owner_kind not in OwnerKind.values:
            add(
                f"{key}.owner_kind",
                _(
                    "Elke actie heeft een eigenaar: kies wie dit doet (inwoner, netwerk, team, "
                    "algemene voorziening of aanbieder)."
                ),
            )
        elif a.owner_kind in NAMED_OWNER_KINDS:
            if not a.owner_name.strip():
                add(f"{key}.owner_name", str(name_messages[OwnerKind(a.owner_kind)]))
            elif len(a.owner_name) > OWNER_NAME_MAX:
                add(f"{key}.owner_name", _("Gebruik hoogstens %d tekens.") % OWNER_NAME_MAX)
        elif a.owner_kind == OwnerKind.TEAM:
            if a.owner_user_id is None:
                add(
                    f"{key}.owner_user",
                    _("Elke actie heeft een eigenaar: kies het teamlid dat dit doet."),
                )
            elif a.owner_user_id not in members:
                add(
                    f"{key}.owner_user",
                    _(
                        "Deze persoon is geen actief lid van %(team)s en kan geen actie van het "
                        "team uitvoeren. Kies een teamlid."
                    )
                    % {"team": case.team.name},
                )
        elif a.owner_kind == OwnerKind.AANBIEDER:
            if a.owner_organisation_id is None:
                add(
                    f"{key}.owner_organisation",
                    _("Elke actie heeft een eigenaar: kies de aanbieder die dit doet."),
                )
            elif a.owner_organisation_id not in organisations:
                add(
                    f"{key}.owner_organisation",
                    _("Kies een aanbieder uit de gemeente van het team."),
                )
        if a.service_id is not None and a.service_id not in services:
            add(
                f"{key}.service",
                _("Kies een actieve dienst van de sociale kaart in de gemeente van het team."),
            )
        if a.status not in ActionStatus.values:
            add(f"{key}.status", _("Kies een geldige status voor de actie."))
        if a.goal is not None and not 0 <= a.goal < len(goals):
            add(f"{key}.goal", _("Kies een doel uit dit plan, of geen doel."))
        if a.id is not None:
            if a.id not in old_actions:
                add(
                    f"{key}.id",
                    _("Deze actie bestaat niet (meer) in dit plan. Laad het plan opnieuw."),
                )
            elif a.id in seen_action_ids:
                add(f"{key}.id", _("Deze actie staat twee keer in het plan."))
            seen_action_ids.add(a.id)
    if errors:
        raise ValidationError(errors)
    return _Resolved(domains=domains, users=members, organisations=organisations, services=services)
