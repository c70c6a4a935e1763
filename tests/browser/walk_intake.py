"""The casework walk, part 1: intake, consents, network, investigation and the plan."""

import re

from playwright.sync_api import Page, expect

from wijkteam.cases.constants import CaseState
from wijkteam.cases.models import Case, PlanVersion
from wijkteam.residents.models import Resident

from .casework_helpers import (
    choose,
    download_pdf,
    dutch,
    expect_field_error,
    expect_message,
    follow,
    iso,
    options_of,
    submit,
)
from .walk_team import (
    CARER,
    FIRST,
    GOAL,
    HOUSEHOLD,
    LAST,
    QUESTION,
    RESIDENT,
    TEAM,
    Team,
    phase_of,
    value_of,
)

# --------------------------------------------------------------------------------------------
# 1. Intake: a new resident, a Wmo melding, triage
# --------------------------------------------------------------------------------------------


def register_resident(team: Team, page: Page) -> None:
    """Inwoners → new resident; first with a bad BSN and postcode, then correctly."""
    walk = team.walk
    follow(page, "Inwoners", exact=True)
    walk.check(page, "inwoners zoeken")
    follow(page, "Nieuwe inwoner registreren")
    walk.check(page, "nieuwe inwoner")
    page.get_by_label("Voornaam").fill(FIRST)
    page.get_by_label("Achternaam").fill(LAST)
    page.get_by_label("Geboortedatum").fill("1944-05-14")
    page.get_by_label("BSN").fill("123456789")
    page.get_by_label("Rol in het huishouden").select_option(label="Hoofdbewoner")
    page.get_by_label("Straat").fill("Havenstraat")
    page.get_by_label("Huisnummer").fill("12")
    page.get_by_label("Postcode").fill("12AB")
    page.get_by_label("Woonplaats").fill("Voorbeeld")
    choose(page.get_by_label("Buurt"), "Havenkwartier")
    page.get_by_label("Telefoon").fill("010-1234567")
    submit(page, "Registreren")
    walk.check(page, "nieuwe inwoner: fouten")
    expect(page.get_by_role("alert")).to_contain_text("Het formulier is niet opgeslagen")
    expect_field_error(page, "id_bsn", "Dit is geen geldig BSN")
    expect_field_error(page, "id_postcode", "Een postcode is 4 cijfers en 2 letters")
    assert not Resident.objects.filter(last_name=LAST).exists()

    page.get_by_label("BSN").fill("111222333")
    page.get_by_label("Postcode").fill("1234 AB")
    submit(page, "Registreren")
    walk.check(page, "nieuwe melding")
    expect_message(page, "De inwoner is geregistreerd.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Nieuwe melding over {RESIDENT}")
    resident = Resident.objects.get(last_name=LAST)
    assert resident.bsn == "111222333" and resident.postcode == "1234AB"


MELDING_FIELDS = [
    "id_team",
    "id_channel",
    "id_referrer_kind",
    "id_referrer_name",
    "id_question",
    "id_received_at",
    "id_law_track",
    "id_informed_about_client_support",
]


# The focused element, and whether it shows a focus indicator (an outline or a focus ring).
# Date and time inputs are left to the browser: the focus is on a part inside the native
# control (a highlighted segment, the ringed picker button), out of reach of the page's CSS.
FOCUSED_JS = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const ring = s.boxShadow !== 'none';
  const native = ['date', 'datetime-local', 'time'].includes(e.type);
  return {name: e.id || e.textContent.trim(), indicator: outline || ring || native};
}"""


def register_melding_by_keyboard(team: Team, page: Page) -> None:
    """The melding form by keyboard only: Tab through every field in order, type the answers,
    tick the box with the space bar and submit with Enter; first without the Wmo pointer to
    cliëntondersteuning, which is refused next to the checkbox."""
    walk = team.walk
    fields = page.locator("main form").locator("select, input:not([type=hidden]), textarea")
    assert [fields.nth(i).get_attribute("id") for i in range(fields.count())] == MELDING_FIELDS
    page.keyboard.press("Tab")  # the first stop on a new page
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#inhoud")).to_be_focused()

    typed = {
        "id_channel": "Telefoon",
        "id_referrer_kind": "Huisarts",
        "id_referrer_name": "Huisartsenpraktijk De Haven",
        "id_question": QUESTION,
        "id_law_track": "Wmo",
    }
    visited: list[str] = []
    invisible: list[str] = []
    for _ in range(40):  # the date-time field has a stop per part; every other field has one
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if not focused["indicator"]:
            invisible.append(focused["name"])
        if focused["name"] not in visited:
            visited.append(focused["name"])
            if focused["name"] in typed:
                page.keyboard.type(typed[focused["name"]])
        if focused["name"] == "Melding registreren":
            break
    assert visited == [*MELDING_FIELDS, "Melding registreren"], visited
    assert not invisible, f"geen zichtbare focus (WCAG 2.4.7) op: {invisible}"
    expect(page.locator("#id_team")).to_have_value(re.compile(r"^\d+$"))
    expect(page.locator("#id_channel")).to_have_value("telefoon")
    expect(page.locator("#id_referrer_kind")).to_have_value("huisarts")
    expect(page.locator("#id_question")).to_have_value(QUESTION)
    expect(page.locator("#id_law_track")).to_have_value("wmo")

    with page.expect_navigation():
        page.keyboard.press("Enter")  # on the focused submit button
    walk.check(page, "melding: fout")
    expect_field_error(
        page, "id_informed_about_client_support", "gratis, onafhankelijke cliëntondersteuning"
    )
    page.keyboard.press("Tab")  # skip link, then straight into the form
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_informed_about_client_support":
            break
    page.keyboard.press("Space")
    expect(page.locator("#id_informed_about_client_support")).to_be_checked()
    for _ in range(20):  # back to the melder's name; Enter there submits the form
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.id") == "id_referrer_name":
            break
    expect(page.locator("#id_referrer_name")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")  # implicit submission from a text field
    assert "/meldingen/" in page.url


def triage_to_case(team: Team, page: Page) -> None:
    walk = team.walk
    walk.check(page, "melding beoordelen")
    expect_message(page, "De melding is geregistreerd.")
    expect(page.get_by_text(f"„{QUESTION}”")).to_be_visible()
    expect(value_of(page, "Gewezen op cliëntondersteuning")).to_have_text("ja")
    page.get_by_label("Onderzoek nodig").check()
    page.get_by_label("Toelichting").fill("Keukentafelgesprek plannen; mantelzorger betrekken.")
    submit(page, "Beoordeling opslaan")
    walk.check(page, "casus na triage")
    match = re.search(r"/casussen/(\d+)/", page.url)
    assert match, page.url
    team.case_pk = int(match.group(1))
    expect_message(page, "De melding is beoordeeld.")
    expect(page.get_by_role("heading", level=1)).to_have_text(HOUSEHOLD)
    expect(phase_of(page)).to_have_text("Aangemeld")
    expect(value_of(page, "Regisseur")).to_have_text("Anna de Boer")
    terms = page.get_by_role("table", name="Termijnen van deze casus")
    for label in ("Wmo-onderzoek na melding", "Persoonlijk plan indienen (Wmo)"):
        row = terms.get_by_role("row").filter(has_text=label)
        expect(row).to_have_count(1)
        expect(row.locator("td").nth(3)).to_have_text(re.compile(r"^(op tijd|bijna verlopen)$"))


# Consent per receiving organisation (AVG): the team member's employer sees only what the
# resident consented to; carla's employer is responsible for the team's dossiers.
CONSENTS = {
    "Welzijn Voorbeeld": None,  # anna, the regisseur: everything
    "Gemeente Voorbeeld": ["basisgegevens", "onderzoek", "plan", "besluiten"],  # bram
    "MEE Voorbeeld": ["basisgegevens", "onderzoek", "plan", "besluiten"],  # dirk
    "Zorggroep De Linde": ["basisgegevens", "plan", "besluiten", "interventies"],  # eva
}


def record_consents(team: Team, page: Page) -> None:
    """Without consent anna's employer sees nothing of the household; record it per organisation."""
    walk = team.walk
    expect(
        page.get_by_text("Uw organisatie heeft geen toestemming om de basisgegevens")
    ).to_be_visible()
    # Without consent the resident cannot be found or opened either (the same rule); the case
    # page links to the consents of each resident of the household.
    follow(page, "Inwoners", exact=True)
    walk.check(page, "inwoners zoeken")
    page.get_by_label("Naam").fill(LAST)
    submit(page, "Zoeken")
    walk.check(page, "inwoners gezocht zonder toestemming")
    expect(page.get_by_role("link", name=RESIDENT)).to_have_count(0)
    page.goto(team.case_url)
    walk.check(page, "casus zonder toestemming")
    follow(page, "Toestemming vastleggen voor inwoner 1 van het huishouden")
    walk.check(page, "toestemmingen")
    for organisation, categories in CONSENTS.items():
        follow(page, "Toestemming vastleggen")
        walk.check(page, f"toestemming {organisation}")
        choose(page.get_by_label("Ontvangende organisatie"), organisation)
        page.get_by_label("Doel", exact=False).first.fill("Ondersteuning door Wijkteam Centrum")
        boxes = page.locator("input[name=categories]")
        for i in range(boxes.count()):
            box = boxes.nth(i)
            if categories is None or box.get_attribute("value") in categories:
                box.check()
        page.get_by_label("Mondeling").check()
        submit(page, "Vastleggen")
        walk.check(page, f"toestemming {organisation} vastgelegd")
        expect_message(page, "De toestemming is vastgelegd.")
        row = page.get_by_role("row").filter(has_text=organisation)
        expect(row.get_by_role("cell").nth(5)).to_have_text("geldig")
    follow(page, f"Terug naar {RESIDENT}")
    walk.check(page, "inwoner na toestemming")


# --------------------------------------------------------------------------------------------
# 2. The household's network, the team around the case
# --------------------------------------------------------------------------------------------


def network_and_team(team: Team, page: Page) -> None:
    walk = team.walk
    follow(page, "Iemand aan het netwerk toevoegen")
    walk.check(page, "netwerk: nieuw")
    page.locator("#id_name").fill(CARER)
    page.locator("#id_relation").select_option(label="Mantelzorger")
    choose(page.locator("#id_supports"), RESIDENT)
    page.locator("#id_what_they_do").fill("Doet de boodschappen en kookt elke dag")
    page.locator("#id_load").select_option(label="Overbelast")
    page.locator("#id_load_assessed_on").fill(iso(team.today))
    submit(page)
    walk.check(page, "inwoner met netwerk")
    expect(page.locator("#netwerk + ul")).to_contain_text(
        f"{CARER} – Mantelzorger, overbelast (risico op overbelasting)"
    )
    follow(page, re.compile(rf"^{TEAM}: Aangemeld"))
    walk.check(page, "casus met overbelaste mantelzorger")
    warning = page.get_by_role("status").filter(has_text="mantelzorger dreigt overbelast")
    expect(warning).to_contain_text(f"{CARER} (overbelast)")

    follow(page, "Teamlid betrekken")
    walk.check(page, "teamlid betrekken")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Teamlid betrekken – {HOUSEHOLD}")
    choose(page.get_by_label("Teamlid"), "Bram Visser")
    submit(page)
    walk.check(page, "casus: bram betrokken")
    expect_message(page, "Het teamlid is betrokken bij de casus.")
    expect(value_of(page, "Betrokken teamleden")).to_have_text("Bram Visser")

    follow(page, "Cliëntondersteuner vastleggen")
    walk.check(page, "cliëntondersteuner")
    choose(page.get_by_label("Cliëntondersteuner"), "Dirk Mulder")
    submit(page)
    walk.check(page, "casus: dirk cliëntondersteuner")
    expect_message(page, "De cliëntondersteuner is vastgelegd.")
    expect(value_of(page, "Cliëntondersteuner")).to_have_text("Dirk Mulder")


# --------------------------------------------------------------------------------------------
# 3. Onderzoek: keukentafelgesprek, conclusie, verslag, ZRM
# --------------------------------------------------------------------------------------------


def illegal_phase_change(team: Team, page: Page) -> None:
    """Only the legal next states are offered; a forged one is refused with a Dutch message."""
    select = page.get_by_label("Naar fase")
    assert options_of(select) == ["Onderzoek", "Uitvoering"]
    # A stale or tampered form: "Evaluatie" is not a legal step from "Aangemeld".
    select.evaluate(
        "s => { const o = new Option('Evaluatie', 'evaluatie'); s.add(o); s.value = 'evaluatie'; }"
    )
    submit(page, "Fase wijzigen")
    team.walk.check(page, "fase: ongeldige overgang")
    expect_field_error(page, "id_to_state", "Selecteer een geldige keuze")
    assert Case.objects.get(pk=team.case_pk).state == CaseState.AANGEMELD
    page.goto(team.case_url)
    team.walk.check(page, "casus na geweigerde overgang")


def investigation(team: Team, page: Page) -> None:
    walk = team.walk
    team.change_phase(page, "Onderzoek", ["Onderzoek", "Uitvoering"], "Melding vraagt onderzoek")
    follow(page, "Verder bij Onderzoek")  # the overview points at the tab of the phase
    walk.check(page, "tabblad onderzoek")

    follow(page, "Keukentafelgesprek vastleggen")
    walk.check(page, "keukentafelgesprek")
    page.get_by_label("Plaats").fill("bij de inwoner thuis")
    page.get_by_label(re.compile(rf"^{RESIDENT} \(hoofdbewoner\)")).check()
    page.get_by_label(re.compile(rf"^{CARER} \(mantelzorger\)")).check()
    expect(page.get_by_label("De cliëntondersteuner was aanwezig")).to_be_checked()
    page.get_by_label("Wat is er besproken?").fill(
        "Mevrouw kan na de operatie niet stofzuigen of dweilen. Haar zoon Henk doet al veel."
    )
    submit(page, "Gesprek opslaan")
    walk.check(page, "casus met gesprek")
    expect_message(page, "Het keukentafelgesprek is vastgelegd.")
    talk = page.locator("article").filter(has_text="bij de inwoner thuis")
    expect(talk).to_contain_text(f"{RESIDENT}, {CARER} (mantelzorger), cliëntondersteuner")

    follow(page, "Persoonlijk plan en conclusie bijwerken")
    walk.check(page, "onderzoek bijwerken")
    conclusion = "Hulp bij het huishouden nodig; de mantelzorger moet ontlast worden."
    page.get_by_label("Conclusie van het onderzoek").fill(conclusion)
    submit(page, "Onderzoek opslaan")
    walk.check(page, "casus met conclusie")
    expect_message(page, "Het onderzoek is bijgewerkt.")
    expect(value_of(page, "Conclusie")).to_have_text(conclusion)

    follow(page, "Onderzoek afronden")
    walk.check(page, "onderzoek afronden")
    submit(page, "Onderzoek afronden")
    walk.check(page, "casus: onderzoek afgerond")
    expect_message(page, "Het onderzoek is afgerond.")
    expect(value_of(page, "Afgerond op")).to_have_text(dutch(team.today))

    follow(page, "Vastleggen dat het verslag is uitgereikt")
    walk.check(page, "verslag uitgereikt")
    submit(page, "Datum opslaan")
    walk.check(page, "casus: verslag uitgereikt")
    expect_message(page, "De datum van uitreiken is vastgelegd.")
    expect(value_of(page, "Verslag aan de inwoner gegeven")).to_have_text(dutch(team.today))

    pdf = download_pdf(page, page.get_by_role("link", name="Verslag van het onderzoek downloaden"))
    assert pdf.filename == f"verslag-onderzoek-{team.case_pk}.pdf"
    assert pdf.content_type == "application/pdf" and pdf.content.startswith(b"%PDF")


ZRM_INTAKE = {
    "Financiën": ("2", "Rekeningen blijven liggen sinds de operatie."),
    "Huisvesting": ("2", "Het huis raakt vervuild; zij kan niet schoonmaken."),
    "Sociaal netwerk": ("3", "Zoon helpt veel, maar is overbelast."),
}
ZRM_END = {
    "Financiën": ("4", "Zoon regelt de post samen met haar."),
    "Huisvesting": ("4", "Het huis is schoon met hulp bij het huishouden."),
    "Sociaal netwerk": ("4", "De zoon is ontlast."),
}


def record_zrm(
    team: Team, page: Page, moment: str, scores: dict[str, tuple[str, str]], *, refused_first: bool
) -> None:
    """Score a few domains with their reasons and leave the others on 'Niet gescoord'."""
    walk = team.walk
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Meting met Zelfredzaamheid-Matrix 2017"
    )
    # The moment is preset: intake at first, "Afsluiting" when re-measuring before closing.
    expect(page.get_by_label("Moment").locator("option:checked")).to_have_text(moment)
    if refused_first:
        # A score without its reason is refused next to the reason (data minimisation).
        first = next(iter(scores))
        page.get_by_label(f"Score voor {first}").select_option(scores[first][0])
        submit(page, "Meting opslaan")
        walk.check(page, f"meting {moment}: score zonder reden")
        reason_id = page.get_by_label(f"Waarom doet {first} ertoe").get_attribute("id")
        expect_field_error(page, str(reason_id), f"Geef aan waarom {first} ertoe doet")
    for domain, (score, reason) in scores.items():
        page.get_by_label(f"Score voor {domain}").select_option(score)
        page.get_by_label(f"Waarom doet {domain} ertoe").fill(reason)
    expect(page.get_by_label("Score voor Justitie")).to_have_value("")
    submit(page, "Meting opslaan")
    walk.check(page, f"casus met meting {moment}")
    expect_message(page, "De meting met Zelfredzaamheid-Matrix 2017 is vastgelegd.")


def intake_measurement(team: Team, page: Page) -> None:
    team.open_tab(page, "Metingen")
    follow(page, "Meting met Zelfredzaamheid-Matrix 2017 vastleggen")
    team.walk.check(page, "meting intake")
    record_zrm(team, page, "Intake", ZRM_INTAKE, refused_first=True)
    table = page.get_by_role("table", name=re.compile("Zelfredzaamheid-Matrix 2017 van"))
    expect(table.get_by_role("row")).to_have_count(1 + len(ZRM_INTAKE))
    expect(table.get_by_role("row").filter(has_text="Huisvesting")).to_contain_text(
        "2 – Niet zelfredzaam"
    )


# --------------------------------------------------------------------------------------------
# 4. Plan: a goal in the resident's words, actions with owners, agreement, versions
# --------------------------------------------------------------------------------------------


def plan(team: Team, page: Page) -> None:
    walk = team.walk
    team.change_phase(page, "Plan", ["Plan"], "Onderzoek afgerond, verslag uitgereikt")
    terms = page.get_by_role("table", name="Termijnen van deze casus")
    expect(terms.get_by_role("row").filter(has_text="Wmo-onderzoek na melding")).to_contain_text(
        "voldaan"
    )

    team.open_tab(page, "Plan")
    follow(page, "Plan opstellen")
    walk.check(page, "plan opstellen")
    goal = page.get_by_role("group", name="Doel 1")
    goal.get_by_label("Leefgebied").select_option(label="Huisvesting")
    goal.get_by_label("Doel in de woorden van de inwoner").fill(GOAL)
    action = page.get_by_role("group", name="Actie 1")
    action.get_by_label("Actie", exact=True).fill("Zelf de was blijven doen")
    # No owner: refused with a Dutch message in the row.
    submit(page, "Plan opslaan")
    walk.check(page, "plan: actie zonder eigenaar")
    expect(page.locator("#form-fouten")).to_contain_text("Het plan is niet opgeslagen")
    expect_field_error(page, "id_actions-0-owner_kind", "Elke actie heeft een eigenaar")
    assert not PlanVersion.objects.filter(plan__case_id=team.case_pk).exists()

    action = page.get_by_role("group", name="Actie 1")
    action.get_by_label("Hoort bij doel").select_option(index=1)
    action.get_by_label("Wie voert de actie uit").select_option(label="Inwoner")
    action.get_by_label("Naam", exact=False).first.fill(RESIDENT)
    for n, (text, kind, owner) in enumerate(
        [
            ("Hulp bij het huishouden aanvragen", "Team", "Anna de Boer"),
            ("Twee keer per week schoonmaken", "Aanbieder", "Zorggroep De Linde"),
        ],
        start=2,
    ):
        submit(page, "Nog een actie toevoegen")
        walk.check(page, f"plan: actie {n} toegevoegd")
        row = page.get_by_role("group", name=f"Actie {n}")
        row.get_by_label("Actie", exact=True).fill(text)
        row.get_by_label("Hoort bij doel").select_option(index=1)
        row.get_by_label("Wie voert de actie uit").select_option(label=kind)
        target = "Teamlid" if kind == "Team" else "Aanbieder"
        choose(row.get_by_label(target, exact=False).first, owner)
    submit(page, "Plan opslaan")
    walk.check(page, "casus met plan")
    expect_message(page, "Het plan is opgeslagen (versie 1).")
    actions = page.get_by_role("table", name="Acties: wie doet wat, wanneer")
    for text, owner in (
        ("Zelf de was blijven doen", RESIDENT),
        ("Hulp bij het huishouden aanvragen", "Anna de Boer"),
        ("Twee keer per week schoonmaken", "Zorggroep De Linde"),
    ):
        expect(actions.get_by_role("row").filter(has_text=text)).to_contain_text(owner)
    goals = page.get_by_role("table", name="Doelen, in de woorden van de inwoner")
    expect(goals).to_contain_text(GOAL)

    follow(page, "Plan bewerken")
    walk.check(page, "plan bewerken")
    page.get_by_label("Besproken met de inwoner op").fill(iso(team.today))
    page.get_by_label("Akkoord van de inwoner op").fill(iso(team.today))
    page.get_by_label("Hoe is akkoord gegeven").fill("mondeling aan de keukentafel")
    submit(page, "Plan opslaan")
    walk.check(page, "casus met akkoord op het plan")
    expect_message(page, "Het plan is opgeslagen (versie 2).")
    expect(page.get_by_role("status").filter(has_text="akkoord gegeven op")).to_contain_text(
        "(mondeling aan de keukentafel)"
    )
    follow(page, "Alle versies van het plan")
    walk.check(page, "versies van het plan")
    versions = page.get_by_role("table", name="2 versies, nieuwste eerst")
    expect(versions.get_by_role("row").filter(has_text="Versie 2")).to_contain_text(
        "Akkoord van de inwoner vastgelegd op"
    )
    expect(versions.get_by_role("row").filter(has_text="Versie 1")).to_contain_text(
        "Plan opgesteld."
    )
    follow(page, "Versie 1", exact=True)
    walk.check(page, "plan versie 1")
    expect(page.get_by_role("status")).to_contain_text("Dit is een oudere versie")


# --------------------------------------------------------------------------------------------
# 5. Aanvraag and besluit, within and above the mandate
# --------------------------------------------------------------------------------------------
