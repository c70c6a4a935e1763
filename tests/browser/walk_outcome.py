"""The casework walk, part 2: provisions, decisions, execution, evaluation, closure and the
teamleider's view."""

import datetime
import re

from playwright.sync_api import Page, expect

from wijkteam.cases.constants import DecisionStatus
from wijkteam.cases.models import Allocation, CaseTransition, Decision

from .casework_helpers import (
    choose,
    download_pdf,
    dutch,
    expect_field_error,
    expect_message,
    follow,
    iso,
    submit,
)
from .walk_intake import ZRM_END, record_zrm
from .walk_team import (
    GOAL,
    HOUSEHOLD,
    RESIDENT,
    TEAM,
    Team,
    phase_of,
    value_of,
)


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
