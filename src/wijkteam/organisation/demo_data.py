"""The people and places of the demo municipality (Gemeente Voorbeeld): its wijken and buurten,
organisations, users and team members, as data. :mod:`wijkteam.organisation.demo` builds them
through the services."""

from dataclasses import dataclass

from wijkteam.accounts.constants import SystemRole

from .constants import (
    Discipline,
    OrganisationKind,
    TeamRole,
)

DISTRICTS = [
    (
        "WK999901",
        "Centrum",
        [
            ("BU99990101", "Binnenstad"),
            ("BU99990102", "Havenkwartier"),
            ("BU99990103", "Stationsbuurt"),
        ],
    ),
    (
        "WK999902",
        "Noord",
        [("BU99990201", "Bloemenwijk"), ("BU99990202", "Molenveld"), ("BU99990203", "De Akkers")],
    ),
]
ORGANISATIONS = [
    ("Gemeente Voorbeeld", OrganisationKind.GEMEENTE, ""),
    ("Stichting Wijkteams Voorbeeld", OrganisationKind.STICHTING_WIJKTEAM, ""),
    ("Welzijn Voorbeeld", OrganisationKind.WELZIJN, ""),
    ("Zorggroep De Linde", OrganisationKind.ZORGAANBIEDER, "12345678"),
    ("MEE Voorbeeld", OrganisationKind.MEE, ""),
    ("Jeugdhulp Het Anker", OrganisationKind.JEUGDHULP, "23456789"),
    ("Schuldhulp Voorbeeld", OrganisationKind.SCHULDHULP, ""),
    ("Woonstichting Thuis", OrganisationKind.WONINGCORPORATIE, ""),
    ("GGD Regio Voorbeeld", OrganisationKind.GGD, ""),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    system_role: str
    description: str


USERS = [
    DemoUser(
        "beheer", "Femke", "Jansen", SystemRole.FUNCTIONEEL_BEHEERDER, "functioneel beheerder"
    ),
    DemoUser("beleid", "Ruud", "de Vries", SystemRole.BELEIDSMEDEWERKER, "beleidsmedewerker"),
    DemoUser("wmoraad", "Marijke", "Bakker", SystemRole.WMO_RAAD, "lid Wmo-raad"),
    DemoUser("anna", "Anna", "de Boer", SystemRole.PROFESSIONAL, "generalist (Centrum en Noord)"),
    DemoUser("bram", "Bram", "Visser", SystemRole.PROFESSIONAL, "beslisser Wmo (Centrum)"),
    DemoUser("carla", "Carla", "Smit", SystemRole.PROFESSIONAL, "teamleider (Centrum)"),
    DemoUser("dirk", "Dirk", "Mulder", SystemRole.PROFESSIONAL, "cliëntondersteuner (Centrum)"),
    DemoUser("eva", "Eva", "Bos", SystemRole.PROFESSIONAL, "wijkverpleegkundige (Centrum)"),
    DemoUser("fatima", "Fatima", "El Amrani", SystemRole.PROFESSIONAL, "schuldhulpverlener"),
    DemoUser("gijs", "Gijs", "Peters", SystemRole.PROFESSIONAL, "jeugdhulpverlener (Noord)"),
    DemoUser("hanna", "Hanna", "Hendriks", SystemRole.PROFESSIONAL, "beslisser Jeugdwet (Noord)"),
    DemoUser("ilse", "Ilse", "Dekker", SystemRole.PROFESSIONAL, "teamleider (Noord)"),
    DemoUser("joost", "Joost", "van Dijk", SystemRole.PROFESSIONAL, "ervaringsdeskundige (Noord)"),
    DemoUser("karin", "Karin", "Vermeulen", SystemRole.PROFESSIONAL, "cliëntondersteuner (Noord)"),
]

# team, username, organisation, discipline, roles
MEMBERS = [
    (
        "Wijkteam Centrum",
        "anna",
        "Welzijn Voorbeeld",
        Discipline.WELZIJNSWERKER,
        [TeamRole.GENERALIST],
    ),
    (
        "Wijkteam Centrum",
        "bram",
        "Gemeente Voorbeeld",
        Discipline.WMO_CONSULENT,
        [TeamRole.GENERALIST, TeamRole.BESLISSER],
    ),
    (
        "Wijkteam Centrum",
        "carla",
        "Stichting Wijkteams Voorbeeld",
        Discipline.WELZIJNSWERKER,
        [TeamRole.TEAMLEIDER],
    ),
    (
        "Wijkteam Centrum",
        "dirk",
        "MEE Voorbeeld",
        Discipline.MEE_CONSULENT,
        [TeamRole.CLIENTONDERSTEUNER],
    ),
    (
        "Wijkteam Centrum",
        "eva",
        "Zorggroep De Linde",
        Discipline.WIJKVERPLEEGKUNDIGE,
        [TeamRole.GENERALIST],
    ),
    (
        "Wijkteam Centrum",
        "fatima",
        "Schuldhulp Voorbeeld",
        Discipline.SCHULDHULPVERLENER,
        [TeamRole.GENERALIST],
    ),
    (
        "Jeugdteam Noord",
        "anna",
        "Welzijn Voorbeeld",
        Discipline.WELZIJNSWERKER,
        [TeamRole.GENERALIST],
    ),
    (
        "Jeugdteam Noord",
        "gijs",
        "Jeugdhulp Het Anker",
        Discipline.JEUGDHULPVERLENER,
        [TeamRole.GENERALIST],
    ),
    (
        "Jeugdteam Noord",
        "hanna",
        "Gemeente Voorbeeld",
        Discipline.JEUGDHULPVERLENER,
        [TeamRole.GENERALIST, TeamRole.BESLISSER],
    ),
    (
        "Jeugdteam Noord",
        "ilse",
        "Gemeente Voorbeeld",
        Discipline.JEUGDHULPVERLENER,
        [TeamRole.TEAMLEIDER],
    ),
    (
        "Jeugdteam Noord",
        "joost",
        "Welzijn Voorbeeld",
        Discipline.ERVARINGSDESKUNDIGE,
        [TeamRole.GENERALIST],
    ),
    (
        "Jeugdteam Noord",
        "karin",
        "MEE Voorbeeld",
        Discipline.MEE_CONSULENT,
        [TeamRole.CLIENTONDERSTEUNER],
    ),
]
