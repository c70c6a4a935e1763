"""The verslag PDF, read back without reportlab: the text strings of its content streams."""

import base64
import contextlib
import datetime
import re
import zlib

import pytest
from django.utils import timezone

from wijkteam.cases.documents.verslag import render_verslag
from wijkteam.cases.models import Case, Conversation, Investigation
from wijkteam.cases.services import investigation as services
from wijkteam.testing.factories import CaseFactory, NetworkMemberFactory, ResidentFactory

from .test_investigation_services import add, onderzoek_case

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def pdf_text(pdf: bytes) -> str:
    """The shown text of every content stream, one line per text line, Latin-1 (cp1252) decoded.

    Streams may be ASCII85 + Flate encoded (reportlab's default) or plain.
    """
    chunks = []
    for match in re.finditer(rb"stream\r?\n(.*?)\s*endstream", pdf, re.S):
        body = match.group(1)
        if body.rstrip().endswith(b"~>"):
            body = base64.a85decode(body.strip()[:-2].replace(b"\n", b""))
        with contextlib.suppress(zlib.error):
            body = zlib.decompress(body)
        chunks.append(body)
    content = b"\n".join(chunks)

    def unescape(raw: bytes) -> str:
        raw = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), raw)
        raw = re.sub(rb"\\(.)", rb"\1", raw)
        return raw.decode("cp1252")

    lines = []
    for block in re.findall(rb"BT(.*?)ET", content, re.S):
        for part in block.split(b"T*"):
            strings = re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", part)
            if strings:
                lines.append("".join(unescape(s) for s in strings))
    return "\n".join(lines)


def render(case: Case, **kwargs: bool) -> bytes:
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
        **kwargs,
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
    pdf = render(case, compress=False, invariant=True)
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
    text = pdf_text(render(case, compress=False))
    assert "Concept" not in text
    day = timezone.localdate()
    months = (
        "januari februari maart april mei juni juli augustus september oktober november december"
    )
    expected = f"{day.day} {months.split()[day.month - 1]} {day.year}"
    assert f"Datum van dit verslag: {expected}" in text


def test_verslag_without_plan_or_conversations_says_so():
    case = onderzoek_case()
    text = pdf_text(render(case, compress=False))
    assert "U heeft geen persoonlijk plan ingediend." in text
    assert "Er zijn nog geen gesprekken vastgelegd." in text


def test_jeugdwet_verslag_names_its_law():
    case = CaseFactory(jeugd=True)
    Investigation.objects.create(case=case, started_on=timezone.localdate())
    text = pdf_text(render(case, compress=False))
    assert "Jeugdwet" in text and "2.3.2" not in text


def test_markup_in_user_text_is_shown_literally():
    case = onderzoek_case()
    add(case, summary="Gebruik <b>geen</b> & zo <para>")
    text = pdf_text(render(case, compress=False))
    assert "Gebruik <b>geen</b> & zo <para>" in text


def test_compressed_and_invariant_output():
    case = full_case()
    first = render(case, invariant=True)
    assert first == render(case, invariant=True)
    assert b"Verslag van het onderzoek) Tj" not in first  # compressed streams
    assert "Verslag van het onderzoek" in pdf_text(first)
