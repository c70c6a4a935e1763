"""What an aanvraag and a decision are checked against: the legal term per law, the legal
bases per law, the product code, and the mandate (also the preview on the decide form).

Decision types for the mandate (``organisation.constants.DecisionType``): a grant (toegekend or
deels toegekend) under the Wmo is a MAATWERKVOORZIENING, under the Jeugdwet an
INDIVIDUELE_VOORZIENING; a refusal (afgewezen) is an AFWIJZING whatever the law. The requested
volume, duration and budget are passed for an afwijzing too, so a team can ask a second approval
for refusing a large aanvraag; a rule without limits ignores them.
"""

import datetime
import re
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import DecisionType, Law

from ...constants import DecisionOutcome, LegalBasis
from ...models import Decision

# The legal term that runs from the aanvraag to the decision, per law (deadlines.TERMS keys).
DECISION_TERM: dict[str, str] = {Law.WMO: "wmo_beschikking", Law.JEUGDWET: "jeugd_beslissing"}
BEZWAAR_TERM = "bezwaar"

# Legal bases that belong to one law only; the municipal verordening fits both.
LEGAL_BASIS_LAW: dict[str, str] = {
    LegalBasis.WMO_2_3_5: Law.WMO,
    LegalBasis.WMO_2_3_6: Law.WMO,
    LegalBasis.JW_2_3: Law.JEUGDWET,
    LegalBasis.JW_8_1_1: Law.JEUGDWET,
}

GRANTED = frozenset({DecisionOutcome.TOEGEKEND, DecisionOutcome.DEELS})

# iWmo/iJw 3.2 LDT_ProductCode: five letters or digits, set locally. Until a local product
# catalogue exists, a code is "known" when it has that form.
PRODUCT_CODE_RE = re.compile(r"^[0-9A-Z]{5}$")


def _unknown_product(value: str) -> str:
    return _("Onbekende productcode/productcategorie: %(value)s.") % {"value": value or "–"}


def decision_type_for(*, law: str, outcome: str) -> str:
    """The mandate's decision type for deciding ``outcome`` on an aanvraag under ``law``."""
    if outcome == DecisionOutcome.AFGEWEZEN:
        return DecisionType.AFWIJZING
    if law == Law.JEUGDWET:
        return DecisionType.INDIVIDUELE_VOORZIENING
    return DecisionType.MAATWERKVOORZIENING


def mandate_request(
    decision: Decision,
    *,
    outcome: str,
    volume: Decimal | None = None,
    deviates_from_protocol: bool = False,
    deviation_justification: str = "",
) -> org_policies.DecisionRequest:
    """The decision in the terms of the mandate (``volume`` overrides the requested volume)."""
    return org_policies.DecisionRequest(
        decision_type=decision_type_for(law=decision.law, outcome=outcome),
        product_category=decision.product_category,
        volume=decision.volume if volume is None else volume,
        weeks=decision.weeks,
        budget=decision.budget,
        deviates_from_protocol=deviates_from_protocol,
        deviation_justification=deviation_justification,
    )


def mandate_verdict(
    *,
    user: User,
    decision: Decision,
    outcome: str,
    volume: Decimal | None = None,
    deviates_from_protocol: bool = False,
    deviation_justification: str = "",
) -> org_policies.MandateVerdict:
    """May ``user`` decide ``outcome`` on this aanvraag? (also the preview on the decide form)."""
    case = decision.case
    return org_policies.decision_mandate(
        user=user,
        team=case.team,
        request=mandate_request(
            decision,
            outcome=outcome,
            volume=volume,
            deviates_from_protocol=deviates_from_protocol,
            deviation_justification=deviation_justification,
        ),
        case_supporter_ids=[case.client_supporter_id] if case.client_supporter_id else [],
    )


def _check_not_future(errors: dict[str, Any], field: str, day: datetime.date, label: str) -> None:
    if day > timezone.localdate():
        errors[field] = _("%(label)s kan niet in de toekomst liggen.") % {"label": label}
