"""What casework registers below: its models in inzage and retention
(``wijkteam.privacy.registry``) and its menu entries (``wijkteam.core.navigation``).

Household-level casework (the plan, the onderzoek, interventions, evaluations, the journal) concerns every
member of the household and is exported to each; records that belong to another member alone
(their decisions, measurements, reports) are not.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.core import jobs, navigation
from wijkteam.organisation.policies import is_professional
from wijkteam.privacy import registry
from wijkteam.privacy.registry import ExportScope

from . import links, timeline, timeline_sources
from .models import Allocation, Case, Decision, Intervention, Report, TrackedTerm
from .reminders import term_reminders_send


def _terms(s: ExportScope) -> Q:
    return Q(case_id__in=s.case_ids) & (Q(decision__isnull=True) | Q(decision__resident=s.resident))


def _term_children(s: ExportScope) -> Q:
    return Q(term__case_id__in=s.case_ids) & (
        Q(term__decision__isnull=True) | Q(term__decision__resident=s.resident)
    )


INZAGE = [
    ("cases.Report", lambda s: Q(resident=s.resident)),
    ("cases.Case", lambda s: Q(pk__in=s.case_ids)),
    ("cases.CaseTransition", lambda s: Q(case_id__in=s.case_ids)),
    ("cases.CoordinatorAssignment", lambda s: Q(case_id__in=s.case_ids)),
    ("cases.Investigation", lambda s: Q(case_id__in=s.case_ids)),
    (
        "cases.Conversation",
        lambda s: Q(investigation__case_id__in=s.case_ids, residents=s.resident),
    ),
    ("cases.Assessment", lambda s: Q(resident=s.resident)),
    ("cases.AssessmentScore", lambda s: Q(assessment__resident=s.resident)),
    ("cases.Plan", lambda s: Q(case_id__in=s.case_ids)),
    ("cases.Goal", lambda s: Q(plan__case_id__in=s.case_ids)),
    ("cases.Action", lambda s: Q(plan__case_id__in=s.case_ids)),
    ("cases.InitiativeConnection", lambda s: Q(resident=s.resident)),
    ("cases.PlanVersion", lambda s: Q(plan__case_id__in=s.case_ids)),
    ("cases.Evaluation", lambda s: Q(case_id__in=s.case_ids)),
    ("cases.JournalEntry", lambda s: Q(case_id__in=s.case_ids)),
    ("cases.Decision", lambda s: Q(resident=s.resident)),
    ("cases.Intervention", lambda s: Q(case_id__in=s.case_ids)),
    ("cases.Allocation", lambda s: Q(decision__resident=s.resident)),
    ("cases.TimeEntry", lambda s: Q(intervention__case_id__in=s.case_ids)),
    ("cases.ScaleEvent", lambda s: Q(intervention__case_id__in=s.case_ids)),
    ("cases.TrackedTerm", _terms),
    ("cases.TermExtension", _term_children),
    ("cases.TermSuspension", _term_children),
]


def register() -> None:
    for index, (label, export_rows) in enumerate(INZAGE):
        registry.register_inzage(label, export_rows, order=200 + index)
    # A destroyed case takes its allocations, interventions, terms, decisions and meldingen;
    # the rest of the case (plan, onderzoek, ...) goes by cascade with the case, last.
    for label, case_rows, order in [
        (
            "cases.Allocation:intervention",
            lambda pk: Allocation.objects.filter(intervention__case_id=pk),
            10,
        ),
        (
            "cases.Allocation:decision",
            lambda pk: Allocation.objects.filter(decision__case_id=pk),
            11,
        ),
        ("cases.Intervention", lambda pk: Intervention.objects.filter(case_id=pk), 20),
        ("cases.TrackedTerm", lambda pk: TrackedTerm.objects.filter(case_id=pk), 30),
        ("cases.Decision", lambda pk: Decision.objects.filter(case_id=pk), 40),
        ("cases.Report", lambda pk: Report.objects.filter(case_id=pk), 50),
        ("cases.Case", lambda pk: Case.objects.filter(pk=pk), 1000),
    ]:
        registry.register_case_rows(label, case_rows, order=order)
    registry.register_resident_rows(
        "cases.Report",
        lambda resident_ids, _household: Report.objects.filter(
            resident_id__in=resident_ids, case__isnull=True
        ),
        order=50,
    )
    for order, title, url_name in [
        (10, _("Werkvoorraad"), "cases:queue"),
        (20, _("Meldingen"), "cases:reports"),
        (21, _("Casussen"), "cases:list"),
        (22, _("Inwoners"), "residents:search"),
    ]:
        navigation.register(
            navigation.NavEntry(
                order=order, label=title, url_name=url_name, visible=is_professional
            )
        )
    # The journal and the timeline: pages of their own, linked from the case's tab navigation.
    links.register(
        links.CaseLink(slug="journaal", label=_("Journaal"), url_name="cases:journal", order=1)
    )
    links.register(
        links.CaseLink(slug="tijdlijn", label=_("Tijdlijn"), url_name="cases:timeline", order=2)
    )
    for source in timeline_sources.SOURCES:
        timeline.register(source)
    jobs.register(
        jobs.Job(
            name="termijnherinneringen",
            title=_("Herinneringen aan wettelijke termijnen"),
            run=lambda: term_reminders_send(),
            hour=6,
        )
    )
