"""The people and stories of the demo's casework: Dutch first and last names, streets, and the
situations (a household's ages, the melding, the carer, the triage outcome and how far the case
has come) that :mod:`wijkteam.synthetic.demo_data` builds through the services."""

from dataclasses import dataclass

from wijkteam.cases.constants import CaseState, Channel, LawTrack, ReferrerKind, TriageOutcome
from wijkteam.residents.constants import CarerLoad, NetworkRelation

FIRST_NAMES = [
    "Jan",
    "Maria",
    "Piet",
    "Anna",
    "Kees",
    "Fatima",
    "Mohamed",
    "Sanne",
    "Daan",
    "Emma",
    "Noah",
    "Lotte",
    "Ahmet",
    "Ayse",
    "Willem",
    "Johanna",
    "Henk",
    "Truus",
    "Priya",
    "Sem",
    "Julia",
    "Milan",
    "Sophie",
    "Youssef",
    "Nadia",
    "Gerrit",
    "Ria",
    "Bas",
    "Femke",
    "Lucas",
    "Zeynep",
    "Thijs",
    "Iris",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Yilmaz",
    "El Idrissi",
    "Kaya",
    "Ramdin",
    "Koster",
    "Prins",
    "Huisman",
    "Kuipers",
    "van den Berg",
    "Willems",
    "Vermeulen",
    "Jacobs",
]
STREETS = [
    "Dorpsstraat",
    "Molenweg",
    "Kerkplein",
    "Lindelaan",
    "Havenkade",
    "Stationsweg",
    "Bloemstraat",
    "Akkerweg",
    "Schoolstraat",
    "Beukenhof",
]


# How long ago the melding came in, by the phase the case is in now: a real team's caseload
# has fresh meldingen, onderzoeken of a few weeks, and support that runs for months (the
# demo's queues and legal terms then look like a team's, some terms close, a few overdue).
DAYS_AGO: dict[str, tuple[int, int]] = {
    CaseState.AANGEMELD: (1, 20),
    CaseState.ONDERZOEK: (7, 40),
    CaseState.PLAN: (25, 60),
    CaseState.UITVOERING: (45, 240),
    CaseState.EVALUATIE: (150, 330),
    CaseState.AFGESLOTEN: (200, 364),
}


@dataclass(frozen=True)
class Situation:
    key: str
    law: str
    channel: str
    referrer: str
    question: str
    ages: tuple[int, ...]  # ages of the household members; the first is the main resident
    carer: tuple[str, str, int] | None  # relation, what they do, load
    outcome: str  # triage outcome
    target_state: str


SITUATIONS = [
    Situation(
        "oudere_thuis",
        LawTrack.WMO,
        Channel.TELEFOON,
        ReferrerKind.HUISARTS,
        "Ik kan het huishouden niet meer aan sinds mijn heupoperatie en mijn dochter doet al zoveel.",
        (84,),
        (
            NetworkRelation.MANTELZORGER,
            "dochter, doet boodschappen en administratie",
            CarerLoad.OVERBELAST,
        ),
        TriageOutcome.ONDERZOEK,
        CaseState.UITVOERING,
    ),
    Situation(
        "dementie",
        LawTrack.WMO,
        Channel.VERWIJZING,
        ReferrerKind.HUISARTS,
        "Mijn man vergeet steeds meer en ik durf hem niet alleen te laten.",
        (79, 77),
        (NetworkRelation.MANTELZORGER, "echtgenote, 24 uur per dag", CarerLoad.ZWAAR),
        TriageOutcome.ONDERZOEK,
        CaseState.PLAN,
    ),
    Situation(
        "schulden",
        LawTrack.PARTICIPATIEWET,
        Channel.INLOOP,
        ReferrerKind.ZELF,
        "Ik heb een stapel rekeningen die ik niet meer open durf te maken.",
        (38, 36, 9, 6),
        None,
        TriageOutcome.LICHTE_ONDERSTEUNING,
        CaseState.UITVOERING,
    ),
    Situation(
        "jeugd_school",
        LawTrack.JEUGDWET,
        Channel.EMAIL,
        ReferrerKind.SCHOOL,
        "Onze zoon gaat al weken niet naar school en zit de hele dag op zijn kamer.",
        (44, 15),
        None,
        TriageOutcome.ONDERZOEK,
        CaseState.ONDERZOEK,
    ),
    Situation(
        "eenzaamheid",
        LawTrack.WMO,
        Channel.OUTREACH,
        ReferrerKind.BUREN,
        "De buurvrouw komt de deur niet meer uit en ziet er slecht uit.",
        (71,),
        (NetworkRelation.BUUR, "buurman, kijkt af en toe", CarerLoad.LICHT),
        TriageOutcome.INFORMATIE_ADVIES,
        CaseState.AANGEMELD,
    ),
    Situation(
        "woning",
        LawTrack.WMO,
        Channel.VERWIJZING,
        ReferrerKind.WONINGCORPORATIE,
        "Er is veel overlast en de woning is ernstig vervuild.",
        (56,),
        None,
        TriageOutcome.ONDERZOEK,
        CaseState.EVALUATIE,
    ),
    Situation(
        "alleenstaande_ouder",
        LawTrack.JEUGDWET,
        Channel.TELEFOON,
        ReferrerKind.ZELF,
        "Ik sta er alleen voor met drie kinderen en de oudste loopt vast.",
        (33, 13, 10, 4),
        (NetworkRelation.FAMILIE, "oma, haalt de kinderen uit school", CarerLoad.MATIG),
        TriageOutcome.ONDERZOEK,
        CaseState.AFGESLOTEN,
    ),
    Situation(
        "verwezen",
        LawTrack.GEEN,
        Channel.TELEFOON,
        ReferrerKind.POLITIE,
        "Melding na een huiselijke ruzie; er zijn zorgen over de kinderen.",
        (29, 27, 2),
        None,
        TriageOutcome.VERWEZEN,
        CaseState.AANGEMELD,
    ),
    Situation(
        "rolstoel",
        LawTrack.WMO,
        Channel.PORTAAL,
        ReferrerKind.ZELF,
        "Na mijn beroerte kom ik zonder hulp niet meer buiten.",
        (67,),
        (NetworkRelation.MANTELZORGER, "zoon, twee keer per week", CarerLoad.MATIG),
        TriageOutcome.ONDERZOEK,
        CaseState.AANGEMELD,
    ),
]
