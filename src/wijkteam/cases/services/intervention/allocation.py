"""The allocation (toewijzing) of a custom provision to a provider: who can receive it, its
number, the own-employer check, and the checks against the decision it rests on.

Allocation numbers are ``TW<year><id>`` (e.g. ``TW2026000042``): the row is inserted with a
temporary unique placeholder and renamed in the same transaction from its primary key, so the
number is deterministic, unique without a counter table and safe under concurrent inserts. A
later issue turns allocations into iWmo/iJw 301 messages (ToewijzingNummer).

A member who allocates to their own employing organisation (their ``Membership.organisation``
in the case's team) must give a reason; the allocation is flagged ``own_employer`` for the
conflict-of-interest report
(:func:`wijkteam.cases.selectors_accountability.conflict_of_interest_allocations`).
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import OrganisationKind, ProductCategory
from wijkteam.organisation.models import Organisation
from wijkteam.providers.models import ContractedProduct

from ...constants import DecisionOutcome, DecisionStatus, Frequency, InterventionStatus, Unit
from ...models import Allocation, Case, Decision

# Organisations that can deliver a custom provision (a toewijzing goes to a provider).
PROVIDER_KINDS = frozenset(
    {
        OrganisationKind.ZORGAANBIEDER,
        OrganisationKind.JEUGDHULP,
        OrganisationKind.WELZIJN,
        OrganisationKind.MEE,
        OrganisationKind.GGD,
        OrganisationKind.SCHULDHULP,
        OrganisationKind.STICHTING_WIJKTEAM,
    }
)


def own_employer(*, actor: User, case: Case, provider: Organisation) -> bool:
    """Is ``provider`` the organisation that employs ``actor`` in the case's team?"""
    return (
        org_policies.active_memberships(actor)
        .filter(team_id=case.team_id, organisation_id=provider.pk)
        .exists()
    )


def allocation_number(allocation: Allocation) -> str:
    return f"TW{allocation.allocated_at.year}{allocation.pk:06d}"


def allocatable_decisions(case: Case) -> QuerySet[Decision]:
    """Final, (partly) granted decisions of the case: what can be allocated to a provider."""
    return Decision.objects.filter(
        case=case,
        status=DecisionStatus.BESLOTEN,
        outcome__in=[DecisionOutcome.TOEGEKEND, DecisionOutcome.DEELS],
    ).order_by("-requested_on", "-id")


def provider_choices(case: Case) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        municipality_id=case.team.municipality_id, kind__in=PROVIDER_KINDS
    ).order_by("name")


def _allocated_volume(decision: Decision, *, exclude: int | None = None) -> Decimal:
    """Volume already allocated on ``decision`` by running (not ended) interventions."""
    qs = Allocation.objects.filter(decision=decision).exclude(
        intervention__status=InterventionStatus.BEEINDIGD
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.aggregate(total=Sum("volume"))["total"] or Decimal(0)


def _validate_allocation(
    *,
    errors: dict[str, Any],
    case: Case,
    decision: Decision | None,
    provider: Organisation | None,
    product_category: str,
    volume: Decimal | None,
    unit: str,
    frequency: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
) -> None:
    if decision is None:
        errors["decision"] = _("Kies het besluit waarop deze toewijzing berust.")
    elif decision.case_id != case.pk:
        errors["decision"] = _("Dit besluit hoort niet bij deze casus.")
    elif decision.status != DecisionStatus.BESLOTEN:
        errors["decision"] = _(
            "Toewijzen kan pas als het besluit definitief is (zonder openstaand tweede akkoord)."
        )
    elif decision.outcome not in (DecisionOutcome.TOEGEKEND, DecisionOutcome.DEELS):
        errors["decision"] = _("Een afgewezen aanvraag kan niet worden toegewezen.")
    if provider is None:
        errors["provider"] = _("Kies de aanbieder.")
    elif provider.municipality_id != case.team.municipality_id:
        errors["provider"] = _("Kies een aanbieder uit de gemeente van het team.")
    elif provider.kind not in PROVIDER_KINDS:
        errors["provider"] = _("%(name)s is geen aanbieder van ondersteuning of jeugdhulp.") % {
            "name": provider.name
        }
    if product_category not in ProductCategory.values:
        errors["product_category"] = _("Onbekende productcode/productcategorie: %(value)s.") % {
            "value": product_category or "–"
        }
    if unit not in Unit.values:
        errors["unit"] = _("Kies een eenheid uit de lijst (WJ756).")
    if frequency not in Frequency.values:
        errors["frequency"] = _("Kies een frequentie uit de lijst (WMO757).")
    if volume is None or volume <= 0:
        errors["volume"] = _("De omvang moet groter zijn dan 0.")
    if "decision" in errors or decision is None:
        return
    if product_category in ProductCategory.values and product_category != decision.product_category:
        errors["product_category"] = _(
            "De productcategorie moet gelijk zijn aan die van het besluit (%(category)s)."
        ) % {"category": ProductCategory(decision.product_category).label}
    if unit in Unit.values and unit != decision.unit:
        errors["unit"] = _("De eenheid moet gelijk zijn aan die van het besluit (%(unit)s).") % {
            "unit": Unit(decision.unit).label
        }
    if frequency in Frequency.values and frequency != decision.frequency:
        errors["frequency"] = _(
            "De frequentie moet gelijk zijn aan die van het besluit (%(frequency)s)."
        ) % {"frequency": Frequency(decision.frequency).label}
    if volume is not None and volume > 0:
        if volume > decision.volume:
            errors["volume"] = _(
                "De omvang is groter dan in het besluit is toegekend (%(volume)s)."
            ) % {"volume": decision.volume}
        elif volume + _allocated_volume(decision) > decision.volume:
            errors["volume"] = _(
                "Samen met de lopende toewijzingen op dit besluit (%(allocated)s) is de omvang "
                "groter dan is toegekend (%(volume)s)."
            ) % {"allocated": _allocated_volume(decision), "volume": decision.volume}
    if starts_on and starts_on < decision.starts_on:
        errors["starts_on"] = _(
            "De toewijzing kan niet beginnen vóór de ingangsdatum van het besluit (%(day)s)."
        ) % {"day": f"{decision.starts_on:%d-%m-%Y}"}
    if ends_on and ends_on > decision.ends_on:
        errors["ends_on"] = _(
            "De toewijzing kan niet doorlopen na de einddatum van het besluit (%(day)s)."
        ) % {"day": f"{decision.ends_on:%d-%m-%Y}"}


def contracted_provider_ids(*, product_category: str, product_code: str = "") -> set[int] | None:
    """Providers the catalogue contracts for the product; ``None`` when it has no contract for
    the category at all (a municipality that does not keep the catalogue)."""
    rows = list(
        ContractedProduct.objects.filter(product_category=product_category).values_list(
            "provider_id", "product_code"
        )
    )
    if not rows:
        return None
    return {pid for pid, code in rows if not code or not product_code or code == product_code}


def _validate_choice(
    *,
    errors: dict[str, Any],
    provider: Organisation | None,
    product_category: str,
    product_code: str,
    offered: list[Organisation],
    chosen: Organisation | None,
    reason: str,
) -> None:
    """The resident's choice of provider, and the provider's contract for the product."""
    if provider is not None and "provider" not in errors and product_category:
        contracted = contracted_provider_ids(
            product_category=product_category, product_code=product_code
        )
        if contracted is not None and provider.pk not in contracted:
            errors["provider"] = _(
                "%(name)s heeft geen contract voor dit product. Kies een aanbieder uit de "
                "catalogus."
            ) % {"name": provider.name}
    if chosen is not None and offered and chosen.pk not in {o.pk for o in offered}:
        errors["chosen_provider"] = _(
            "De keuze van de inwoner moet een van de aangeboden aanbieders zijn."
        )
    if (
        chosen is not None
        and provider is not None
        and chosen.pk != provider.pk
        and not reason.strip()
    ):
        errors["choice_deviation_reason"] = _(
            "De inwoner koos %(chosen)s. Geef de reden waarom u aan een andere aanbieder toewijst."
        ) % {"chosen": chosen.name}
