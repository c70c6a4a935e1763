"""The stage sections written in Python against their engine templates on hand-made values
(issue 17, ``h-tabs``; the whole pages are compared in ``test_stage_html.py``).

Each section alone, rendered from the same context through ``cases/sections/<name>.html`` (the
Python) and ``<name>_engine.html`` (the engine): values with ``'<&>"``, line breaks, numbers the
chart writes with decimals (``{% localize off %}``) and counts of one and more (plurals),
missing users, unknown kinds, an intervention without an allocation, empty lists; with
``page.can_work`` true, false and without a page; on an open and a closed case; in Dutch and
English.
"""

import datetime
from decimal import Decimal
from itertools import product
from types import SimpleNamespace as NS

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from wijkteam.cases import stage_html, stage_html_assessment, stage_html_intervention
from wijkteam.cases.stages.assessment import DomainProgress, Measurement, Progress, build_chart

ODD = 'O\'Neil & <b>"Zoë"</b>'
DAY = datetime.timedelta(days=1)
TODAY = datetime.date(2026, 12, 7)
PAGES = ({"page": NS(can_work=True)}, {"page": NS(can_work=False)}, {})
CASES = (NS(pk=7, is_open=True), NS(pk=12345, is_open=False))


@pytest.fixture(autouse=True)
def _pinned():
    for pinned in (
        stage_html.INVESTIGATION,
        stage_html.EVALUATION,
        stage_html_assessment.ASSESSMENT,
        stage_html_intervention.INTERVENTION,
    ):
        pinned.verified = None
        assert pinned.known()


def _same(name, sections):
    compared = 0
    for language, section, case, page in product(("nl", "en"), sections, CASES, PAGES):
        context = {"section": section, "case": case, **page}
        with translation.override(language):
            python = render_to_string(f"cases/sections/{name}.html", context)
            engine = render_to_string(f"cases/sections/{name}_engine.html", context)
        assert python == engine, (language, section, case, page)
        compared += 1
    return compared


def _user(name=ODD):
    return NS(display_name=name)


def _conversation(pk, recorded_by, **fields):
    values = {
        "pk": pk,
        "held_on": TODAY - 3 * DAY,
        "place": ODD,
        "client_supporter_present": False,
        "other_participants": "",
        "summary": "",
        "recorded_by": recorded_by,
    }
    return NS(**{**values, **fields})


def test_the_investigation_section():
    member = NS(name=ODD, get_relation_display=lambda: "Buur <&> Eén")
    full = NS(
        conversation=_conversation(
            12345,
            _user(),
            client_supporter_present=True,
            other_participants=ODD,
            summary=f"Eerste {ODD}\nTweede\n\nDerde",
        ),
        residents=[NS(full_name=ODD), NS(full_name="Ab")],
        network_members=[member, member],
    )
    bare = NS(conversation=_conversation(3, None), residents=[], network_members=[])
    open_inv = NS(
        started_on=TODAY - 20 * DAY,
        completed_on=None,
        personal_plan_received_on=None,
        personal_plan_summary="",
        conclusion="",
        report_handed_on=None,
    )
    done = NS(
        started_on=TODAY - 20 * DAY,
        completed_on=TODAY,
        personal_plan_received_on=TODAY - 2 * DAY,
        personal_plan_summary=f"Plan {ODD}\nregel",
        conclusion=f"Conclusie {ODD}\r\nregel",
        report_handed_on=TODAY,
    )
    handed_not = NS(**{**vars(done), "report_handed_on": None})
    sections = [NS(investigation=None, conversations=[], ready_to_complete=False)]
    for inv, conversations, ready in product(
        (open_inv, done, handed_not), ([], [full], [full, bare]), (True, False)
    ):
        sections.append(NS(investigation=inv, conversations=conversations, ready_to_complete=ready))
    assert _same("investigation", sections) == 2 * 19 * 2 * 3


def _progress(instrument, scores, measurements):
    domains = []
    for order, (intake, now, label) in enumerate(scores):
        first = Measurement(1, intake, label, TODAY - 30 * DAY, "intake", "")
        last = None if now is None else Measurement(2, now, "", TODAY, "eind", "")
        domains.append(DomainProgress(domain=NS(name=f"{ODD} {order}"), intake=first, now=last))
    p = Progress(
        resident=NS(full_name=ODD, pk=12345, last_name="O", first_name="Z"),
        instrument=instrument,
        domains=domains,
        measurements=measurements,
        first_on=TODAY - 30 * DAY,
        last_on=TODAY,
    )
    p.chart = build_chart(p)
    return p


def test_the_assessment_section():
    five = NS(name=ODD, code="zrm<&>", scale_min=1, scale_max=5)
    eleven = NS(name="Schaal & <meer>", code="x", scale_min=0, scale_max=10)
    one = _progress(five, [(1, None, "")], 1)
    many = _progress(eleven, [(3, 7, f"label {ODD}"), (10, 0, ""), (0, None, "nul")], 3)
    instruments = [NS(code="zrm2017", name=ODD), NS(code="a-b_c", name="Ander")]
    sections = [
        NS(progress=[], instruments=[], measurement_count=0),
        NS(progress=[one], instruments=instruments, measurement_count=1),
        NS(progress=[one, many], instruments=instruments, measurement_count=1234),
    ]
    assert _same("assessment", sections) == 2 * 3 * 2 * 3


def _intervention(pk, kind, **fields):
    values = {
        "pk": pk,
        "kind": kind,
        "description": f"{ODD} {pk}",
        "get_kind_display": lambda: f"Soort {ODD}",
        "delivered_by": _user(),
        "total_hours": None,
        "provision_name": ODD,
        "allocation": None,
        "starts_on": TODAY - 9 * DAY,
        "ends_on": None,
        "get_status_display": lambda: f"Status {ODD}",
        "status": "actief",
        "scale_history": [],
    }
    return NS(**{**values, **fields})


def test_the_intervention_section():
    at = timezone.make_aware(datetime.datetime(2026, 12, 6, 23, 30))  # the 7th, local time
    event = NS(
        at=at,
        get_change_display=lambda: "Opschalen <&>",
        new_volume=Decimal("1234.50"),
        old_volume=Decimal("0.10"),
        reason=ODD,
        by=_user(),
    )
    bare_event = NS(**{**vars(event), "new_volume": None, "old_volume": None, "by": None})
    allocation = NS(
        provider=NS(name=ODD),
        allocation_number="T<&>1",
        volume=Decimal("2.50"),
        get_unit_display=lambda: "uur & <min>",
        get_frequency_display=lambda: "",
        own_employer=True,
        own_employer_reason=ODD,
    )
    rows = [
        _intervention(1, "lichte_ondersteuning", total_hours=Decimal("3.75")),
        _intervention(2, "lichte_ondersteuning", delivered_by=None, scale_history=[event]),
        _intervention(3, "algemene_voorziening", ends_on=TODAY, status="beeindigd"),
        _intervention(4, "maatwerk", allocation=allocation, scale_history=[event, bare_event]),
        _intervention(5, "maatwerk", allocation=NS(**{**vars(allocation), "own_employer": False})),
        _intervention(6, "maatwerk"),
        _intervention(7, "onbekend", status="beeindigd"),
    ]
    sections = [NS(interventions=[]), NS(interventions=rows[:1]), NS(interventions=rows)]
    assert _same("intervention", sections) == 2 * 3 * 2 * 3


def test_the_evaluation_section():
    def planned(pk, days_late):
        evaluation = NS(pk=pk, planned_on=TODAY - days_late * DAY)
        return NS(evaluation=evaluation, overdue=days_late > 0, days_late=max(days_late, 0))

    held = [
        NS(
            pk=9,
            held_on=TODAY,
            get_outcome_display=lambda: f"Uitkomst {ODD}",
            notes=" ".join(f"woord{i} {ODD}" for i in range(30)),
            held_by=_user(),
        ),
        NS(pk=10, held_on=TODAY, get_outcome_display=lambda: "", notes="", held_by=None),
        NS(pk=11, held_on=TODAY, get_outcome_display=lambda: "", notes="", held_by=_user("")),
    ]
    sections = [
        NS(overdue_count=0, planned=[], held=[]),
        NS(overdue_count=1, planned=[planned(1, 1), planned(2, -3)], held=held[:1]),
        NS(overdue_count=2, planned=[planned(3, 12), planned(4, 1), planned(5, 0)], held=held),
    ]
    assert _same("evaluation", sections) == 2 * 3 * 2 * 3
