"""The building-blocks questionnaire: the bank, versions with who and when, prefill from the
team's set-up and applying after confirmation, out-of-range answers, scope."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wijkteam.area.constants import Block
from wijkteam.area.demo import import_demo_figures
from wijkteam.area.models import Answer, Question, TeamDesign
from wijkteam.area.question_bank import QUESTIONS
from wijkteam.area.selectors import design as selectors
from wijkteam.area.services import design as services
from wijkteam.conftest import verified_client
from wijkteam.organisation.models import TeamFunction
from wijkteam.testing.pdf import assert_accessible_pdf, pdf_text


def q(code: str) -> Question:
    return Question.objects.get(code=code)


def test_the_bank_holds_every_question_of_seed_004_in_six_blocks(db):
    assert Question.objects.count() == len(QUESTIONS)
    assert set(Question.objects.values_list("block", flat=True)) == set(Block.values)
    assert q("inrichting-integratie").config_field == "model"


def test_answers_are_saved_per_version_with_who_and_when(area):
    design = services.design_start(actor=area.leader, team=area.team)
    question = q("opgave-vraagstuk")
    services.answers_save(actor=area.leader, design=design, values={question.pk: ("Eerste", "")})
    services.answers_save(actor=area.beheerder, design=design, values={question.pk: ("Eerste", "")})
    services.answers_save(
        actor=area.beheerder, design=design, values={question.pk: ("Tweede", "na overleg")}
    )
    versions = list(Answer.objects.filter(design=design, question=question).order_by("version"))
    assert [(a.version, a.value, a.answered_by) for a in versions] == [
        (1, "Eerste", area.leader),
        (2, "Tweede", area.beheerder),
    ]  # an unchanged answer adds no version
    assert versions[1].note == "na overleg"
    _q, history = selectors.answer_history(design=design, question_pk=question.pk)
    assert [text for _a, text in history] == ["Tweede", "Eerste"]


def test_progress_per_block_counts_answered_questions(area):
    design = services.design_start(actor=area.leader, team=area.team)
    services.answers_save(
        actor=area.leader,
        design=design,
        values={q("opgave-vraagstuk").pk: ("x", ""), q("opgave-focus").pk: (["Toegang"], "")},
    )
    blocks = {b.block: b for b in selectors.questionnaire(design=design)}
    opgave = blocks["opgave"]
    assert (opgave.answered, opgave.total) == (2, Question.objects.filter(block="opgave").count())
    assert blocks["aansturing"].answered == 0


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("aansturing-mandaat", 9, "van 1 tot en met 5"),
        ("aansturing-mandaat", "veel", "van 1 tot en met 5"),
        ("werkprincipes-een-plan", "Misschien", "geen van de keuzes"),
        ("opgave-focus", ["Toegang", "Alles"], "Geen keuze"),
        ("inrichting-integratie", "netwerk", "geen van de keuzes"),
    ],
)
def test_an_answer_out_of_range_is_refused_and_nothing_is_saved(area, code, value, message):
    design = services.design_start(actor=area.leader, team=area.team)
    good = q("opgave-vraagstuk")
    with pytest.raises(ValidationError) as exc:
        services.answers_save(
            actor=area.leader,
            design=design,
            values={good.pk: ("Goed antwoord", ""), q(code).pk: (value, "")},
        )
    assert message in " ".join(exc.value.messages)
    assert not Answer.objects.exists()


def test_set_up_questions_prefill_from_the_team(area):
    TeamFunction.objects.create(team=area.team, function="toegang")
    design = services.design_start(actor=area.leader, team=area.team)
    views = {
        v.question.code: v for b in selectors.questionnaire(design=design) for v in b.questions
    }
    assert views["inrichting-integratie"].value == "integraal"
    assert views["inrichting-integratie"].prefilled
    assert views["inrichting-functies"].value == ["toegang"]
    assert not views["inrichting-integratie"].answered


def test_a_different_answer_updates_the_team_only_after_the_beheerder_confirms(area):
    design = services.design_start(actor=area.leader, team=area.team)
    services.answers_save(
        actor=area.leader,
        design=design,
        values={
            q("inrichting-integratie").pk: ("geintegreerd", ""),
            q("inrichting-functies").pk: (["toegang", "signaleren"], ""),
        },
    )
    area.team.refresh_from_db()
    assert area.team.model == "integraal"  # not changed by answering
    differences = selectors.differences(design=design)
    assert {d.question.code for d in differences} == {
        "inrichting-integratie",
        "inrichting-functies",
    }
    with pytest.raises(PermissionDenied):
        services.design_apply_to_team(
            actor=area.leader, design=design, expected_version=area.team.version
        )
    services.design_apply_to_team(
        actor=area.beheerder, design=design, expected_version=area.team.version
    )
    area.team.refresh_from_db()
    assert area.team.model == "geintegreerd"
    assert set(area.team.functions.values_list("function", flat=True)) == {"toegang", "signaleren"}
    assert selectors.differences(design=design) == []


def test_a_planned_team_gets_a_design_from_the_beheerder_only(area):
    design = services.design_start(
        actor=area.beheerder, municipality=area.municipality, planned_name="Wijkteam Zuid"
    )
    assert design.team is None and design.title == "Wijkteam Zuid"
    with pytest.raises(PermissionDenied):
        services.design_start(
            actor=area.leader, municipality=area.municipality, planned_name="Wijkteam Oost"
        )
    with pytest.raises(ValidationError):
        services.design_start(
            actor=area.beheerder, municipality=area.municipality, planned_name="Wijkteam Zuid"
        )
    assert selectors.differences(design=design) == []
    services.design_link_team(actor=area.beheerder, design=design, team=area.other_team)
    assert TeamDesign.objects.get(pk=design.pk).team == area.other_team


def test_scope_members_read_leaders_write_others_see_nothing(area):
    design = services.design_start(actor=area.leader, team=area.team)
    question = q("opgave-vraagstuk")
    with pytest.raises(PermissionDenied):
        services.answers_save(actor=area.member, design=design, values={question.pk: ("x", "")})
    with pytest.raises(PermissionDenied):
        services.answers_save(actor=area.outsider, design=design, values={question.pk: ("x", "")})
    assert verified_client(area.member).get(f"/teamontwerp/{design.pk}/").status_code == 200
    assert (
        verified_client(area.member).get(f"/teamontwerp/{design.pk}/bouwsteen/opgave/").status_code
        == 403
    )
    assert verified_client(area.outsider).get(f"/teamontwerp/{design.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.design_start(actor=area.outsider, team=area.team)


def test_block_page_saves_and_shows_errors_next_to_the_question(area):
    design = services.design_start(actor=area.leader, team=area.team)
    page = verified_client(area.leader)
    mandate = q("aansturing-mandaat")
    response = page.post(f"/teamontwerp/{design.pk}/bouwsteen/aansturing/", {f"q{mandate.pk}": "7"})
    assert response.status_code == 400
    assert not Answer.objects.exists()
    response = page.post(
        f"/teamontwerp/{design.pk}/bouwsteen/aansturing/",
        {f"q{mandate.pk}": "4", f"n{mandate.pk}": "Boven 10 uur tweede akkoord"},
    )
    assert response.status_code == 302
    assert Answer.objects.get().value == 4
    overview = page.get(f"/teamontwerp/{design.pk}/").content.decode()
    assert "Versie 1" in overview
    assert page.get(f"/teamontwerp/{design.pk}/bouwsteen/onbekend/").status_code == 404


def test_startdocument_html_and_pdf(area):
    import_demo_figures()
    design = services.design_start(actor=area.leader, team=area.team)
    services.answers_save(
        actor=area.leader,
        design=design,
        values={
            q("opgave-vraagstuk").pk: ("Eenzaamheid", ""),
            q("aansturing-mandaat").pk: (4, ""),
        },
    )
    page = verified_client(area.leader)
    html = page.get(f"/teamontwerp/{design.pk}/startdocument/").content.decode()
    assert "Eenzaamheid" in html and "Competenties" in html and "4 – grotendeels" in html
    assert "Gebiedsanalyse" in html and "Centrum" in html  # the CBS figures of its wijk
    response = page.get(f"/teamontwerp/{design.pk}/startdocument/?formaat=pdf")
    assert response["Content-Type"] == "application/pdf"
    assert_accessible_pdf(
        response.content,
        title="Startdocument Wijkteam Centrum",
        tags={"H1", "H2", "H3", "P", "Table", "TH", "TD"},
    )
    text = pdf_text(response.content)
    assert "Eenzaamheid" in text and "Nog niet beantwoord" in text
    for block in ("Opgave", "Vormgeving", "Inrichting en uitvoering", "Werkprincipes"):
        assert block in text


def test_the_questionnaire_pages_cost_a_fixed_number_of_queries(
    area, django_assert_max_num_queries
):
    design = services.design_start(actor=area.leader, team=area.team)
    page = verified_client(area.leader)
    page.get(f"/teamontwerp/{design.pk}/")
    with django_assert_max_num_queries(20) as before:
        page.get(f"/teamontwerp/{design.pk}/")
    services.answers_save(
        actor=area.leader,
        design=design,
        values={question.pk: ("x", "") for question in Question.objects.filter(kind="tekst")},
    )
    with django_assert_max_num_queries(len(before.captured_queries)):
        page.get(f"/teamontwerp/{design.pk}/")


def test_the_beheerder_edits_the_bank(area):
    page = verified_client(area.beheerder)
    question = q("opgave-vraagstuk")
    response = page.post(
        f"/beheer/bouwstenen/{question.pk}/",
        {
            "block": "opgave",
            "text": "Wat is de opgave?",
            "kind": "keuze",
            "options": "A",
            "order": 5,
        },
    )
    assert response.status_code == 400  # a choice question needs two choices
    response = page.post(
        f"/beheer/bouwstenen/{question.pk}/",
        {
            "block": "opgave",
            "text": "Wat is de opgave?",
            "kind": "tekst",
            "order": 5,
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert q("opgave-vraagstuk").text == "Wat is de opgave?"
    response = page.post(
        "/beheer/bouwstenen/nieuw/",
        {"block": "competenties", "text": "Nieuwe vraag?", "kind": "keuze", "options": "Ja\nNee",
         "order": 999, "active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Question.objects.filter(text="Nieuwe vraag?", options=["Ja", "Nee"]).exists()
    assert verified_client(area.leader).get("/beheer/bouwstenen/").status_code == 403


def test_the_beheerder_links_a_planned_design_to_the_team_once_it_exists(area):
    design = services.design_start(
        actor=area.beheerder, municipality=area.municipality, planned_name="Wijkteam Zuid"
    )
    page = verified_client(area.beheerder)
    assert (
        "Ontwerp aan dit team koppelen" in page.get(f"/teamontwerp/{design.pk}/").content.decode()
    )
    response = page.post(f"/teamontwerp/{design.pk}/", {"team": area.other_team.pk})
    assert response.status_code == 302
    design.refresh_from_db()
    assert design.team == area.other_team and design.planned_name == ""
    overview = page.get(f"/teamontwerp/{design.pk}/").content.decode()
    assert "Ontwerp aan dit team koppelen" not in overview
    assert page.post(f"/teamontwerp/{design.pk}/", {"team": area.team.pk}).status_code == 403
