"""The verslag PDF, read back with pypdf (``wijkteam.testing.pdf``)."""

import datetime

import pytest
from django.utils import timezone

from wijkteam.cases.documents.verslag import render_verslag
from wijkteam.cases.models import Case, Conversation, Investigation
from wijkteam.cases.services import investigation as services
from wijkteam.testing.factories import CaseFactory, NetworkMemberFactory, ResidentFactory
from wijkteam.testing.pdf import pdf_text

from .test_investigation_services import add, onderzoek_case

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def render(case: Case) -> bytes:
    investigation = Investigation.objects.select_related(
        "case__household", "case__team", "case__coordinator"
    ).get(case=case)
    return render_verslag(
        investigation=investigation,
        residents=list(case.household.members.order_by("date_of_birth")),
        conversations=list(
            Conversation.objects.filter(investigation=investigation).prefetch_related(
                "residents", "network_members"
            )
        ),
    )


def full_case() -> Case:
    case = onderzoek_case(residents=0)
    ResidentFactory(
        household=case.household,
        first_name="Truus",
        last_name="de Wit",
        bsn="111222333",
        date_of_birth=datetime.date(1941, 3, 2),
    )
    carer = NetworkMemberFactory(household=case.household, name="Henk Jansen")
    today = timezone.localdate()
    add(
        case,
        held_on=datetime.date(2026, 11, 2) if today >= datetime.date(2026, 11, 2) else today,
        place="Bij mevrouw thuis (keuken)",
        network_members=[carer],
        other_participants="Tolk Turks",
        summary="Mevrouw valt vaak.\nZe wil graag zelf blijven koken.",
    )
    services.investigation_update(
        actor=case.coordinator,
        case=case,
        personal_plan_received_on=today - DAY,
        personal_plan_summary="Mijn dochter helpt op zaterdag.",
        conclusion="Hulp bij het huishouden, twee uur per week.",
    )
    return case


def test_verslag_has_the_dutch_content():
    case = full_case()
    pdf = render(case)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    for expected in [
        "Verslag van het onderzoek",
        "Wet maatschappelijke ondersteuning 2015, artikel 2.3.2",
        case.household.name,
        case.team.name,
        case.coordinator.display_name,
        "Truus de Wit",
        "2 maart 1941",
        "******333",
        "Gesprekken",
        "Bij mevrouw thuis (keuken)",
        "Henk Jansen (mantelzorger)",
        "de cliëntondersteuner",
        "Tolk Turks",
        "Mevrouw valt vaak.",
        "Ze wil graag zelf blijven koken.",
        "Uw persoonlijk plan",
        "Mijn dochter helpt op zaterdag.",
        "Conclusie",
        "Hulp bij het huishouden, twee uur per week.",
        "U mag op dit verslag reageren.",
        "Datum van dit verslag:",
        "Concept: het onderzoek is nog niet afgerond.",
    ]:
        assert expected in text, expected
    assert "111222333" not in text  # never the full BSN


def test_completed_verslag_is_not_a_concept_and_carries_the_completion_date():
    case = full_case()
    services.investigation_complete(
        actor=case.coordinator, case=case, completed_on=timezone.localdate()
    )
    text = pdf_text(render(case))
    assert "Concept" not in text
    day = timezone.localdate()
    months = (
        "januari februari maart april mei juni juli augustus september oktober november december"
    )
    expected = f"{day.day} {months.split()[day.month - 1]} {day.year}"
    assert f"Datum van dit verslag: {expected}" in text


def test_verslag_without_plan_or_conversations_says_so():
    case = onderzoek_case()
    text = pdf_text(render(case))
    assert "U heeft geen persoonlijk plan ingediend." in text
    assert "Er zijn nog geen gesprekken vastgelegd." in text


def test_jeugdwet_verslag_names_its_law():
    case = CaseFactory(jeugd=True)
    Investigation.objects.create(case=case, started_on=timezone.localdate())
    text = pdf_text(render(case))
    assert "Jeugdwet" in text and "2.3.2" not in text


def test_markup_in_user_text_is_shown_literally():
    case = onderzoek_case()
    add(case, summary="Gebruik <b>geen</b> & zo <para>")
    text = pdf_text(render(case))
    assert "Gebruik <b>geen</b> & zo <para>" in text


def test_compressed_and_reproducible_output():
    case = full_case()
    first = render(case)
    assert first == render(case)
    assert b"Verslag van het onderzoek" not in first  # compressed streams, subset font
    assert "Verslag van het onderzoek" in pdf_text(first)
