"""Aanvraag and beschikking: requesting a maatwerkvoorziening / individuele voorziening, deciding
within the mandate, the teamleider's second approval, making the decision known, the letter.

The package: ``rules`` (the legal terms and bases, product codes, the mandate and its decision
types), ``request`` (the aanvraag), ``take`` (deciding and the teamleider's second approval;
a refused attempt is recorded in its own transaction, so call these outside an enclosing
``transaction.atomic()``) and ``made_known`` (bekendmaking, the bezwaar term, the letter). The
accountability list is in :mod:`wijkteam.cases.selectors_accountability`; every name stays
importable from here.
"""

from ...selectors_accountability import protocol_deviations
from .made_known import bezwaar_due, decision_beschikking, decision_made_known, may_handle_decision
from .request import decision_request
from .rules import (
    BEZWAAR_TERM,
    DECISION_TERM,
    GRANTED,
    LEGAL_BASIS_LAW,
    PRODUCT_CODE_RE,
    decision_type_for,
    mandate_request,
    mandate_verdict,
)
from .take import decision_approve, decision_take

__all__ = [
    "BEZWAAR_TERM",
    "DECISION_TERM",
    "GRANTED",
    "LEGAL_BASIS_LAW",
    "PRODUCT_CODE_RE",
    "bezwaar_due",
    "decision_approve",
    "decision_beschikking",
    "decision_made_known",
    "decision_request",
    "decision_take",
    "decision_type_for",
    "mandate_request",
    "mandate_verdict",
    "may_handle_decision",
    "protocol_deviations",
]
