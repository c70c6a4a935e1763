"""The register of processing activities (AVG art. 30), generated from the configuration.

Nothing here is typed in by hand per municipality: the purposes follow from the functions the
teams have, the recipients are the organisations in the teams (responsible organisations and
employers of members) and the providers that can receive an allocation, the categories come
from :class:`DataCategory`, and the retention from the :class:`RetentionRule` rows. The
register holds no personal data of residents.
"""

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.organisation.constants import Function, OrganisationKind
from wijkteam.organisation.models import Membership, Municipality, Organisation, Team, TeamFunction
from wijkteam.privacy.constants import SPECIAL_CATEGORIES, DataCategory, DossierKind
from wijkteam.residents.constants import HouseholdRelation, NetworkRelation
from wijkteam.rights.models import RetentionRule

# What each team function means as a purpose of processing, with its lawful basis.
# Legal references not verified against the current text are marked "te bevestigen".
FUNCTION_PURPOSES: dict[str, tuple[str, str]] = {
    Function.TOEGANG: (
        "Toegang tot ondersteuning: melding, onderzoek, plan en besluit over een "
        "maatwerkvoorziening of individuele voorziening",
        "AVG art. 6 lid 1 sub e en art. 9 lid 2 sub h; Wmo 2015 art. 2.3.2–2.3.5 en 5.1.1; "
        "Jeugdwet art. 2.3 en 7.4.0 (te bevestigen)",
    ),
    Function.LICHTE_ONDERSTEUNING: (
        "Lichte ondersteuning door het team zelf",
        "AVG art. 6 lid 1 sub e; Wmo 2015 art. 2.1.2 (algemene voorzieningen, te bevestigen)",
    ),
    Function.INFORMATIE_ADVIES: (
        "Informatie en advies aan inwoners",
        "AVG art. 6 lid 1 sub e; Wmo 2015 art. 2.2.1 (te bevestigen)",
    ),
    Function.SIGNALEREN: (
        "Signaleren en outreachend werken",
        "AVG art. 6 lid 1 sub e; Wmo 2015 art. 2.2.1 (te bevestigen)",
    ),
    Function.CLIENTONDERSTEUNING: (
        "Onafhankelijke cliëntondersteuning",
        "AVG art. 6 lid 1 sub e; Wmo 2015 art. 2.2.4",
    ),
    Function.PARTICIPATIE: (
        "Participatie bevorderen (collectief; persoonsgegevens alleen met toestemming)",
        "AVG art. 6 lid 1 sub a (toestemming)",
    ),
    Function.INITIATIEVEN: (
        "Initiatieven verbinden (collectief; persoonsgegevens alleen met toestemming)",
        "AVG art. 6 lid 1 sub a (toestemming)",
    ),
}
ALWAYS_PURPOSES: list[tuple[str, str]] = [
    (
        "Verantwoording: toegangslog (NEN 7513), inzage, correctie en vernietiging",
        "AVG art. 5 lid 2, art. 15, 16, 30 en 32",
    ),
]
SECURITY_MEASURES = [
    "Toegang op basis van teamlidmaatschap en betrokkenheid bij de casus (need-to-know)",
    "Inloggen met twee factoren; blokkade na herhaald mislukt inloggen",
    "Toestemming per ontvangende organisatie en soort gegevens; intrekken werkt direct",
    "Doorbraak alleen met reden, beperkt in tijd en beoordeeld door de teamleider",
    "Toegangslog van elke inzage, zoekactie en export, alleen-toevoegen met een hashketen",
    "Bewaartermijnen per soort dossier; vernietiging met vernietigingsverklaring",
    "Beveiligingsbaseline BIO (Baseline Informatiebeveiliging Overheid)",
]


@dataclass
class Recipient:
    name: str
    kind: str
    roles: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)


@dataclass
class MunicipalityRegister:
    municipality: str
    cbs_code: str
    controller: str
    teams: list[str]
    purposes: list[dict[str, str]]
    data_categories: list[dict[str, Any]]
    data_subjects: list[str]
    recipients: list[Recipient]
    retention: list[dict[str, Any]]
    transfers_outside_eea: str
    security_measures: list[str]


def _recipients(municipality: Municipality, teams: list[Team]) -> list[Recipient]:
    found: dict[int, Recipient] = {}
    kinds = dict(OrganisationKind.choices)

    def get(org: Organisation) -> Recipient:
        if org.pk not in found:
            found[org.pk] = Recipient(name=org.name, kind=str(kinds.get(org.kind, org.kind)))
        return found[org.pk]

    def note(recipient: Recipient, role: str, team: str | None = None) -> None:
        if role not in recipient.roles:
            recipient.roles.append(role)
        if team and team not in recipient.teams:
            recipient.teams.append(team)

    for team in teams:
        note(get(team.responsible_organisation), _("verantwoordelijk voor de dossiers"), team.name)
    memberships = Membership.objects.filter(team__in=teams).select_related("organisation", "team")
    for membership in memberships:
        note(get(membership.organisation), _("werkgever van teamleden"), membership.team.name)
    for org in Organisation.objects.filter(
        municipality=municipality, kind=OrganisationKind.ZORGAANBIEDER
    ):
        note(get(org), _("aanbieder: ontvangt toewijzingen (iWmo/iJw)"))
    return sorted(found.values(), key=lambda r: r.name)


def build_register() -> list[MunicipalityRegister]:
    """One register section per municipality, from the current configuration."""
    rules = list(RetentionRule.objects.order_by("kind"))
    retention = [
        {
            "kind": r.kind,
            "label": str(DossierKind(r.kind).label),
            "years": r.years,
            "starts": r.starts,
            "source": r.source,
            "to_confirm": r.to_confirm,
        }
        for r in rules
    ]
    categories = [
        {
            "code": c.value,
            "label": str(c.label),
            "special": c.value in SPECIAL_CATEGORIES,
        }
        for c in DataCategory
    ]
    subjects = [
        _("Inwoners die ondersteuning vragen of over wie een melding is gedaan"),
        _("Leden van hun huishouden: %s")
        % ", ".join(str(label).lower() for label in HouseholdRelation.labels),
        _("Leden van het informele netwerk: %s")
        % ", ".join(str(label).lower() for label in NetworkRelation.labels),
        _("Melders en verwijzers (naam of organisatie)"),
        _("Medewerkers van het team (in de toegangslog en het dossier)"),
    ]
    functions: dict[int, set[str]] = defaultdict(set)
    for team_id, function in TeamFunction.objects.values_list("team_id", "function"):
        functions[team_id].add(function)
    result = []
    for municipality in Municipality.objects.order_by("name"):
        teams = list(
            Team.objects.filter(municipality=municipality)
            .select_related("responsible_organisation")
            .order_by("name")
        )
        used = {f for t in teams for f in functions[t.pk]}
        purposes = [
            {"function": str(Function(f).label), "purpose": text, "lawful_basis": basis}
            for f, (text, basis) in FUNCTION_PURPOSES.items()
            if f in used
        ] + [
            {"function": "", "purpose": text, "lawful_basis": basis}
            for text, basis in ALWAYS_PURPOSES
        ]
        result.append(
            MunicipalityRegister(
                municipality=municipality.name,
                cbs_code=municipality.cbs_code,
                controller=_("Het college van burgemeester en wethouders van %s")
                % municipality.name,
                teams=[t.name for t in teams],
                purposes=purposes,
                data_categories=categories,
                data_subjects=subjects,
                recipients=_recipients(municipality, teams),
                retention=retention,
                transfers_outside_eea=_("Geen"),
                security_measures=SECURITY_MEASURES,
            )
        )
    return result


def register_json(registers: list[MunicipalityRegister]) -> dict[str, Any]:
    return {
        "format": "wijkteam-verwerkingsregister",
        "version": 1,
        "generated_at": timezone.localtime().isoformat(),
        "registers": [asdict(r) for r in registers],
    }


CSV_HEADER = ["gemeente", "onderdeel", "omschrijving", "toelichting"]


def register_rows(registers: list[MunicipalityRegister]) -> list[list[str]]:
    """The CSV rows (after ``CSV_HEADER``), one per item: gemeente, onderdeel, omschrijving,
    toelichting. Written by ``core.csv_export``, which keeps any cell from starting a formula."""
    result: list[list[str]] = []
    for r in registers:
        rows: list[list[str]] = [
            ["verwerkingsverantwoordelijke", r.controller, ""],
            *[["team", t, ""] for t in r.teams],
            *[["doel", p["purpose"], p["lawful_basis"]] for p in r.purposes],
            *[
                [
                    "soort gegevens",
                    c["label"],
                    _("bijzonder persoonsgegeven (AVG art. 9)") if c["special"] else "",
                ]
                for c in r.data_categories
            ],
            *[["betrokkenen", s, ""] for s in r.data_subjects],
            *[
                ["ontvanger", f"{rec.name} ({rec.kind})", "; ".join(rec.roles + rec.teams)]
                for rec in r.recipients
            ],
            *[
                [
                    "bewaartermijn",
                    f"{t['label']}: {t['years']} jaar {t['starts']}",
                    t["source"] + (" – te bevestigen" if t["to_confirm"] else ""),
                ]
                for t in r.retention
            ],
            ["doorgifte buiten de EER", r.transfers_outside_eea, ""],
            *[["beveiliging", m, ""] for m in r.security_measures],
        ]
        result += [[r.municipality, *row] for row in rows]
    return result
