"""A household from melding to closure, as a team works it, in a real Chromium.

Only the browser is used; the database is read for assertions and set up with the demo
municipality (``load_demo``). Every page visited, error states included, is checked with
axe-core (WCAG 2.1 A and AA) and for one h1, a main landmark and the skip link; the problems
are collected over the whole walk and listed at the end.
"""

import datetime
import re
from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from wijkteam.cases.constants import CaseState, DecisionStatus
from wijkteam.cases.models import Allocation, Case, CaseTransition, Decision, PlanVersion
from wijkteam.organisation.demo import load_demo
from wijkteam.residents.models import Resident

from .casework_helpers import (
    Walk,
    choose,
    download_pdf,
    dutch,
    expect_field_error,
    expect_message,
    follow,
    iso,
    open_session,
    options_of,
    submit,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEAM = "Wijkteam Centrum"
FIRST, LAST = "Truus", "Verhoeven"
RESIDENT = f"{FIRST} {LAST}"
HOUSEHOLD = f"Huishouden {LAST}"
CARER = "Henk Verhoeven"
QUESTION = "Mevrouw redt het huishouden niet meer sinds haar heupoperatie."
GOAL = "Ik wil mijn huis weer zelf schoon en netjes houden, met een beetje hulp."


@pytest.fixture
def demo_server(live_server):
    load_demo()
    return live_server.url


@dataclass
class Team:
    """The walk's state: one logged-in browser per member, and what the walk created."""

    browser: Browser
    base: str
    walk: Walk
    today: datetime.date = field(default_factory=timezone.localdate)
    pages: dict[str, Page] = field(default_factory=dict)
    case_pk: int = 0

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()

    def member(self, username: str) -> Page:
        if username not in self.pages:
            self.pages[username] = open_session(self.browser, self.base, username, self.walk)
        return self.pages[username]

    @property
    def case_url(self) -> str:
        return f"{self.base}/casussen/{self.case_pk}/"

    def case_page(self, username: str, what: str) -> Page:
        page = self.member(username)
        page.goto(self.case_url)
        self.walk.check(page, what)
        expect(page.get_by_role("heading", level=1)).to_have_text(HOUSEHOLD)
        return page

    def open_tab(self, page: Page, label: str) -> None:
        """Open one tab of the case page by its link in the case's own navigation."""
        tabs = page.get_by_role("navigation", name="Onderdelen van de casus")
        with page.expect_navigation():
            tabs.get_by_role("link", name=label, exact=True).click()
        self.walk.check(page, f"tabblad {label}")
        expect(tabs.get_by_role("link", name=label, exact=True)).to_have_attribute(
            "aria-current", "page"
        )

    def change_phase(self, page: Page, to: str, expected_options: list[str], reason: str) -> None:
        """The phase select offers exactly the legal next states; move the case to ``to``."""
        if page.get_by_label("Naar fase").count() == 0:  # the phase is changed on the overview
            self.open_tab(page, "Overzicht")
        select = page.get_by_label("Naar fase")
        assert options_of(select) == expected_options
        select.select_option(label=to)
        page.get_by_label("Toelichting", exact=True).fill(reason)
        submit(page, "Fase wijzigen")
        self.walk.check(page, f"fase naar {to}")
        expect_message(page, "De fase van de casus is gewijzigd.")
        expect(phase_of(page)).to_have_text(to)


def phase_of(page: Page):
    return page.locator("dt", has_text=re.compile(r"^Fase$")).locator("+ dd")


def value_of(page: Page, key: str):
    return page.locator("dt", has_text=re.compile(rf"^{re.escape(key)}$")).locator("+ dd")


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


def request_provision(team: Team, page: Page, category: str, volume: str) -> int:
    walk = team.walk
    page.goto(team.case_url + "?onderdeel=besluiten")
    walk.check(page, "casus: aanvragen")
    follow(page, "Aanvraag vastleggen")
    walk.check(page, "aanvraag vastleggen")
    choose(page.get_by_label("Aanvrager"), RESIDENT)
    expect(page.get_by_label("Wet")).to_have_value("wmo")
    choose(page.get_by_label("Productcategorie"), category)
    page.get_by_label("Omvang").fill(volume)
    page.get_by_label("Eenheid").select_option(label="uur")
    page.get_by_label("Frequentie").select_option(label="per week")
    page.get_by_label("Ingangsdatum").fill(iso(team.today))
    # 26 weeks: the last day of the 26th week.
    page.get_by_label("Einddatum").fill(iso(team.today + datetime.timedelta(days=181)))
    submit(page, "Aanvraag vastleggen")
    walk.check(page, f"aanvraag {category}")
    expect_message(page, "De aanvraag is vastgelegd; de beslistermijn loopt.")
    expect(value_of(page, "Status")).to_have_text("Aangevraagd")
    expect(value_of(page, "Periode")).to_contain_text("(26 weken)")
    expect(page.get_by_text("Wmo-beschikking na aanvraag")).to_be_visible()
    match = re.search(r"/besluiten/(\d+)/", page.url)
    assert match, page.url
    return int(match.group(1))


def decide(team: Team, page: Page, what: str) -> None:
    page.get_by_label("Toegekend", exact=True).check()
    page.get_by_label("Motivering").fill(
        "Uit het onderzoek blijkt dat mevrouw het huishouden niet zelf kan voeren en dat het "
        "netwerk dit niet kan overnemen."
    )
    choose(page.get_by_label("Wettelijke grondslag"), "art. 2.3.5")
    submit(page, "Besluit vastleggen")
    team.walk.check(page, what)


def decisions(team: Team) -> None:
    walk = team.walk
    anna = team.member("anna")
    first = request_provision(team, anna, "01 Hulp bij het huishouden", "3")

    # The cliëntondersteuner of the case never decides: refused, and the attempt is recorded.
    dirk = team.case_page("dirk", "dirk: casus")
    team.open_tab(dirk, "Besluiten")
    expect(dirk.get_by_role("link", name=re.compile(r"^Besluiten \S"))).to_have_count(0)
    dirk.goto(f"{team.case_url}besluiten/{first}/")
    walk.check(dirk, "dirk: aanvraag")
    expect(dirk.get_by_role("link", name="Besluiten op deze aanvraag")).to_have_count(0)
    # The decide form is not even offered to him: a 403 that says why (a POST is refused and
    # recorded by the service, see test_decision_views).
    response = dirk.goto(f"{team.case_url}besluiten/{first}/besluiten/")
    assert response is not None and response.status == 403
    walk.check(dirk, "dirk: besluiten geweigerd")
    expect(dirk.get_by_role("main")).to_contain_text(
        "U bent cliëntondersteuner van deze casus en mag daarom nooit over deze casus beslissen."
    )
    expect(dirk.get_by_label("Motivering")).to_have_count(0)
    assert Decision.objects.get(pk=first).status == DecisionStatus.AANGEVRAAGD

    # Bram decides within his mandate; first without motivation and legal basis.
    bram = team.case_page("bram", "bram: casus")
    team.open_tab(bram, "Besluiten")
    follow(bram, re.compile(r"^Besluiten \S"))
    walk.check(bram, "bram: besluiten")
    expect(bram.get_by_role("listitem").filter(has_text="Toegekend:")).to_contain_text(
        "Binnen uw mandaat"
    )
    bram.get_by_label("Toegekend", exact=True).check()
    submit(bram, "Besluit vastleggen")
    walk.check(bram, "bram: besluit zonder motivering")
    expect_field_error(bram, "id_motivation", "Een besluit moet gemotiveerd zijn")
    expect_field_error(bram, "id_legal_basis", "Een besluit zonder wettelijke grondslag kan niet")
    decide(team, bram, "bram: besluit genomen")
    expect_message(bram, "Het besluit is genomen.")
    expect(value_of(bram, "Status")).to_have_text("Besloten")
    expect(value_of(bram, "Besluit")).to_have_text("Toegekend")

    follow(bram, "Bekendmaking vastleggen")
    walk.check(bram, "bram: bekendmaking")
    submit(bram)
    walk.check(bram, "bram: bekendgemaakt")
    expect_message(bram, "De bekendmaking is vastgelegd; de bezwaartermijn loopt.")
    expect(value_of(bram, "Bekendgemaakt op")).to_have_text(dutch(team.today))
    expect(bram.get_by_role("listitem").filter(has_text="Bezwaartermijn")).to_be_visible()
    pdf = download_pdf(bram, bram.get_by_role("link", name="Beschikking downloaden (PDF)"))
    assert pdf.filename == f"beschikking-{first}.pdf"
    assert pdf.content_type == "application/pdf" and pdf.content.startswith(b"%PDF")

    # Above bram's alone limit (volume 10): it waits for the teamleider's second approval.
    second = request_provision(team, anna, "02 Begeleiding", "15")
    bram.goto(f"{team.case_url}besluiten/{second}/besluiten/")
    walk.check(bram, "bram: besluiten boven de grens")
    expect(bram.get_by_role("listitem").filter(has_text="Toegekend:")).to_contain_text(
        "Tweede akkoord nodig"
    )
    decide(team, bram, "bram: wacht op akkoord")
    expect_message(bram, "Het besluit is vastgelegd en wacht op het tweede akkoord.")
    expect(value_of(bram, "Status")).to_have_text("Wacht op tweede akkoord")
    expect(value_of(bram, "Tweede akkoord")).to_have_text("nog niet gegeven")
    expect(bram.get_by_role("button", name="Tweede akkoord geven")).to_have_count(0)

    carla = team.member("carla")
    follow(carla, "Werkvoorraad", exact=True)
    walk.check(carla, "carla: werkvoorraad")
    row = carla.get_by_role("row").filter(has_text="Tweede akkoord gevraagd")
    expect(row).to_contain_text(HOUSEHOLD)
    with carla.expect_navigation():
        row.get_by_role("link", name=HOUSEHOLD).click()
    walk.check(carla, "carla: casus")
    team.open_tab(carla, "Besluiten")
    with carla.expect_navigation():
        carla.get_by_role("button", name="Tweede akkoord geven 02 Begeleiding").click()
    walk.check(carla, "carla: akkoord gegeven")
    expect_message(carla, "U heeft het tweede akkoord gegeven; het besluit is definitief.")
    expect(value_of(carla, "Status")).to_have_text("Besloten")
    expect(value_of(carla, "Tweede akkoord")).to_contain_text("Carla Smit")
    assert Decision.objects.get(pk=second).approved_by.username == "carla"


# --------------------------------------------------------------------------------------------
# 6. Uitvoering: light support with hours, allocations (one to the allocator's own employer)
# --------------------------------------------------------------------------------------------


def execution(team: Team) -> None:
    walk = team.walk
    anna = team.case_page("anna", "anna: casus voor uitvoering")
    team.change_phase(anna, "Uitvoering", ["Onderzoek", "Uitvoering"], "Plan akkoord")
    follow(anna, "Verder bij Inzet")
    walk.check(anna, "tabblad inzet")

    follow(anna, "Lichte ondersteuning door het team starten")
    walk.check(anna, "lichte ondersteuning")
    anna.get_by_label("Omschrijving").fill("Post en administratie samen op orde brengen")
    choose(anna.get_by_label("Uitgevoerd door"), "Anna de Boer")
    submit(anna, "Vastleggen")
    walk.check(anna, "casus met lichte ondersteuning")
    expect_message(anna, "De interventie is vastgelegd.")
    follow(anna, "Uren schrijven Post en administratie samen op orde brengen")
    walk.check(anna, "uren schrijven")
    anna.get_by_label("Uren").fill("1.5")
    anna.get_by_label("Notitie").fill("Eerste huisbezoek, post gesorteerd")
    submit(anna, "Uren schrijven")
    walk.check(anna, "casus met uren")
    expect_message(anna, "De uren zijn geschreven.")
    interventions = anna.get_by_role("table", name=re.compile("^Lichte ondersteuning"))
    expect(
        interventions.get_by_role("row").filter(has_text="Post en administratie")
    ).to_contain_text("1,50 uur geschreven")

    allocate(team, anna, "Hulp bij het huishouden door De Linde", "Hulp bij het huishouden", "3")
    walk.check(anna, "casus met toewijzing")
    expect_message(anna, "De interventie is vastgelegd.")
    row = interventions.get_by_role("row").filter(has_text="Hulp bij het huishouden door")
    expect(row).to_contain_text("Zorggroep De Linde")
    expect(row).not_to_contain_text("eigen werkgever")

    # Eva works for Zorggroep De Linde. Not involved yet, she cannot open the case at all.
    eva = team.member("eva")
    response = eva.goto(team.case_url)
    assert response is not None and response.status == 404
    walk.check(eva, "eva: casus nog niet betrokken (404)")
    expect(eva.get_by_role("heading", level=1)).to_be_visible()
    # Involved, she allocates to her own employer.
    team.open_tab(anna, "Overzicht")
    follow(anna, "Teamlid betrekken")
    walk.check(anna, "eva betrekken")
    choose(anna.get_by_label("Teamlid"), "Eva Bos")
    submit(anna)
    walk.check(anna, "casus: eva betrokken")
    expect(value_of(anna, "Betrokken teamleden")).to_have_text("Eva Bos, Bram Visser")

    eva = team.case_page("eva", "eva: casus")
    team.open_tab(eva, "Inzet")
    allocate(team, eva, "Begeleiding door De Linde", "Begeleiding", "15")
    walk.check(eva, "eva: toewijzing zonder reden")
    expect_field_error(eva, "id_own_employer_reason", "Zorggroep De Linde is uw eigen werkgever")
    assert not Allocation.objects.filter(own_employer=True).exists()
    reason = "Enige aanbieder met begeleiding bij geheugenproblemen in de wijk."
    eva.get_by_label("Reden bij toewijzing aan uw eigen werkgever").fill(reason)
    submit(eva, "Vastleggen")
    walk.check(eva, "eva: casus met toewijzing")
    expect_message(eva, "De interventie is vastgelegd.")
    row = eva.get_by_role("row").filter(has_text="Begeleiding door De Linde")
    expect(row).to_contain_text(f"eigen werkgever van de toewijzer: {reason}")
    allocation = Allocation.objects.get(own_employer=True)
    assert allocation.allocated_by.username == "eva" and allocation.own_employer_reason == reason


def allocate(team: Team, page: Page, description: str, decision: str, volume: str) -> None:
    follow(page, "Maatwerkvoorziening toewijzen aan een aanbieder")
    team.walk.check(page, f"toewijzen: {description}")
    page.get_by_label("Omschrijving").fill(description)
    choose(page.get_by_label("Besluit"), decision)
    choose(page.get_by_label("Aanbieder"), "Zorggroep De Linde")
    page.get_by_label("Omvang").fill(volume)
    page.get_by_label("Eenheid").select_option(label="uur")
    page.get_by_label("Frequentie").select_option(label="per week")
    submit(page, "Vastleggen")


# --------------------------------------------------------------------------------------------
# 7. Evaluatie, eindmeting, afsluiten, heropenen
# --------------------------------------------------------------------------------------------


def evaluation_and_closure(team: Team) -> None:
    walk = team.walk
    anna = team.case_page("anna", "anna: casus voor evaluatie")
    team.change_phase(anna, "Evaluatie", ["Evaluatie"], "Half jaar ondersteuning")
    follow(anna, "Verder bij Evaluatie")
    walk.check(anna, "tabblad evaluatie")
    follow(anna, "Evaluatie plannen")
    walk.check(anna, "evaluatie plannen")
    anna.get_by_label("Evaluatie gepland op").fill(iso(team.today))
    submit(anna, "Evaluatie plannen")
    walk.check(anna, "casus met geplande evaluatie")
    planned = anna.get_by_role("table", name="Geplande evaluaties")
    expect(planned.get_by_role("row").nth(1)).to_contain_text("Gepland")

    follow(anna, re.compile("^Uitkomst vastleggen"))
    walk.check(anna, "uitkomst evaluatie")
    anna.get_by_label("Afsluiten").check()
    anna.get_by_label("Toelichting").fill("De doelen zijn bereikt; mevrouw redt zich weer.")
    submit(anna, "Uitkomst vastleggen")
    walk.check(anna, "evaluatie vastgelegd")
    expect_message(anna, "De uitkomst van de evaluatie is vastgelegd.")
    expect(value_of(anna, "Uitkomst")).to_have_text("Afsluiten")
    expect(anna.get_by_text("Meet de zelfredzaamheid opnieuw")).to_be_visible()
    expect(anna.get_by_text("De uitkomst is afsluiten.")).to_be_visible()
    expect(anna.get_by_role("link", name="Casus afsluiten")).to_be_visible()

    follow(anna, "Nieuwe meting vastleggen")
    walk.check(anna, "eindmeting")
    record_zrm(team, anna, "Afsluiting", ZRM_END, refused_first=False)
    table = anna.get_by_role("table", name=re.compile("Zelfredzaamheid-Matrix 2017 van"))
    expect(table.get_by_role("row").filter(has_text="Huisvesting")).to_contain_text(
        "4 – Voldoende zelfredzaam"
    )
    expect(anna.get_by_text(re.compile(r"2 metingen: de eerste op"))).to_be_visible()

    team.open_tab(anna, "Overzicht")
    follow(anna, "Casus afsluiten")
    walk.check(anna, "casus afsluiten")
    expect(anna.get_by_role("heading", level=1)).to_have_text(f"Casus afsluiten – {HOUSEHOLD}")
    expect(anna.get_by_label("Afgesloten op")).to_have_value(iso(team.today))
    anna.get_by_label("Uitkomst").select_option(label="Doelen bereikt")
    anna.get_by_label("Reden van afsluiten").fill("Doelen bereikt na evaluatie.")
    submit(anna)
    walk.check(anna, "casus afgesloten")
    expect_message(anna, "De casus is afgesloten.")
    expect(phase_of(anna)).to_have_text("Afgesloten")
    expect(value_of(anna, "Afgesloten")).to_contain_text("Doelen bereikt – Doelen bereikt na")

    # Reopening: only "Onderzoek" is offered; all history stays.
    team.change_phase(anna, "Onderzoek", ["Onderzoek"], "Nieuwe vraag van de huisarts")
    expect(value_of(anna, "Regisseur")).to_have_text("Anna de Boer")
    team.open_tab(anna, "Geschiedenis")
    history = anna.locator("#fasegeschiedenis + ul")
    for line in (
        "Aangemeld",
        "Aangemeld → Onderzoek",
        "Onderzoek → Plan",
        "Plan → Uitvoering",
        "Uitvoering → Evaluatie",
        "Evaluatie → Afgesloten: Doelen bereikt na evaluatie.",
        "Afgesloten → Onderzoek: Nieuwe vraag van de huisarts",
    ):
        expect(history).to_contain_text(line)
    expect(anna.locator("#regiegeschiedenis + ul")).to_contain_text("Anna de Boer")
    team.open_tab(anna, "Besluiten")
    expect(anna.get_by_role("table", name=re.compile("^Aanvragen voor"))).to_contain_text(
        "02 Begeleiding"
    )
    team.open_tab(anna, "Plan")
    expect(anna.get_by_role("table", name="Doelen, in de woorden van de inwoner")).to_contain_text(
        GOAL
    )
    follow(anna, "Alle versies van het plan")
    walk.check(anna, "versies na heropenen")
    expect(anna.get_by_role("table", name="2 versies, nieuwste eerst")).to_be_visible()
    assert CaseTransition.objects.filter(case_id=team.case_pk).count() == 7


# --------------------------------------------------------------------------------------------
# 8. The teamleider: team work queue and accountability
# --------------------------------------------------------------------------------------------


def teamleader(team: Team) -> None:
    walk = team.walk
    carla = team.member("carla")
    follow(carla, "Werkvoorraad", exact=True)
    walk.check(carla, "carla: werkvoorraad")
    follow(carla, "Werkvoorraad van het hele team")
    walk.check(carla, "carla: werkvoorraad van het team")
    expect(carla.get_by_role("heading", level=1)).to_have_text("Werkvoorraad van het team")
    rows = carla.get_by_role("row").filter(has_text=HOUSEHOLD)
    expect(rows.filter(has_text="Mantelzorger dreigt overbelast te raken")).to_have_count(1)
    own = carla.get_by_role("region", name="Verantwoording")
    expect(own).to_contain_text("1 toewijzing aan de eigen werkgever van wie toewees")
    follow(carla, re.compile("^Verantwoording bekijken"))
    walk.check(carla, "carla: verantwoording")
    expect(carla.get_by_role("heading", level=1)).to_have_text(f"Verantwoording: {TEAM}")
    table = carla.get_by_role("table", name=re.compile("^Toewijzingen waarbij de aanbieder"))
    row = table.get_by_role("row").filter(has_text="Zorggroep De Linde")
    expect(row).to_have_count(1)
    allocation = Allocation.objects.get(own_employer=True)
    expect(row).to_contain_text(allocation.allocation_number)
    expect(row).to_contain_text("Eva Bos")
    expect(row).to_contain_text("Enige aanbieder met begeleiding bij geheugenproblemen")
    expect(row.get_by_role("link", name=f"Casus {team.case_pk}")).to_be_visible()


# --------------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------------


def test_household_from_melding_to_closure(browser: Browser, demo_server):
    team = Team(browser=browser, base=demo_server, walk=Walk())
    try:
        anna = team.member("anna")
        register_resident(team, anna)
        register_melding_by_keyboard(team, anna)
        triage_to_case(team, anna)
        record_consents(team, anna)
        network_and_team(team, anna)
        illegal_phase_change(team, anna)
        investigation(team, anna)
        intake_measurement(team, anna)
        plan(team, anna)
        decisions(team)
        execution(team)
        evaluation_and_closure(team)
        teamleader(team)
    except BaseException:
        # A step failed: show what the checks found on the pages before it, too.
        print("\n".join(team.walk.problems) or "Geen toegankelijkheidsproblemen tot hier.")
        raise
    finally:
        team.close()
    team.walk.assert_clean()


def test_the_walk_reports_what_it_should(page: Page):
    """Guards the guard: a page without structure, and a page left unchecked, are reported."""
    walk = Walk()
    walk.watch(page, "test")
    page.goto("data:text/html,<title>niet gecontroleerd</title><main><h1>x</h1></main>")
    page.set_content(
        '<!DOCTYPE html><html lang="nl"><head><title>kapot</title></head><body>'
        '<a href="/ergens">Ergens</a><h1>Een</h1><h1>Twee</h1><div id="inhoud">tekst</div>'
        "</body></html>"
    )
    walk.check(page, "kapot")
    with pytest.raises(AssertionError) as failed:
        walk.assert_clean()
    report = str(failed.value)
    assert "2 h1-koppen" in report
    assert "0 main-landmarks" in report
    assert "de skiplink is niet het eerste focusbare element" in report
    assert "de skiplink wijst niet naar de main-landmark" in report
    assert "niet gecontroleerd (geladen vóór 'kapot'): test: data:text/html" in report
