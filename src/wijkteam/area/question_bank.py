"""The question bank of seed 004 ("Bouwstenen voor de ontwikkeling van sociale (wijk)teams",
Wmo-werkplaats Utrecht, 2014), as data: loaded by migration 0002 and by
``manage.py load_question_bank`` (which adds missing questions and never overwrites what the
functioneel beheerder changed). Dutch on purpose: the bank is data, edited in Dutch.

Each entry: code, block, topic, question, help text, kind, options, configuration field.
"""

JA_NEE_DEELS = ["Ja", "Nee", "Deels"]
JA_NEE = ["Ja", "Nee"]

QUESTIONS: list[tuple[str, str, str, str, str, str, list[str], str]] = [
    # --- 1. Opgave ---------------------------------------------------------------------------
    ("opgave-vraagstuk", "opgave", "Vraagstuk en potentie",
     "Wat is het vraagstuk of de opgave?", "", "tekst", [], ""),
    ("opgave-kenmerken", "opgave", "Vraagstuk en potentie",
     "Wat zijn de belangrijkste kenmerken van de wijk (demografisch, fysiek, sociaal, "
     "problematiek)?",
     "Gebruik de gebiedsanalyse: de kerncijfers van CBS en de eigen cijfers van het team per "
     "wijk en buurt.", "tekst", [], ""),
    ("opgave-infrastructuur", "opgave", "Vraagstuk en potentie",
     "Hoe ziet de lokale infrastructuur eruit (wijkorganisaties, mkb, kerken en moskeeën, "
     "verenigingen, informele verbanden en zorgnetwerken)?", "", "tekst", [], ""),
    ("opgave-hulpbronnen", "opgave", "Vraagstuk en potentie",
     "Welke potenties en hulpbronnen zijn in de wijk aanwezig?", "", "tekst", [], ""),
    ("opgave-aansluiten", "opgave", "Vraagstuk en potentie",
     "Hoe kan het team optimaal aansluiten bij de lokale context?", "", "tekst", [], ""),
    ("opgave-burgers", "opgave", "Vraagstuk en potentie",
     "Hoe kunnen burgers maximaal betrokken worden bij de definitie van opgaven en bij de "
     "ontwikkeling van het team?", "", "tekst", [], ""),
    ("opgave-doelstellingen", "opgave", "Doelstellingen",
     "Wat zijn de doelstellingen van het team?", "Kies alles wat van toepassing is.",
     "meerkeuze",
     ["Sociale veerkracht van bewoners versterken door ontmoeting, sociale binding en "
      "burgerkracht",
      "Kwetsbare inwoners ondersteunen om zelfregie en maatschappelijke participatie te "
      "versterken",
      "Optimale ondersteuning en goede samenwerking van professionals binnen de beschikbare "
      "middelen"], ""),
    ("opgave-focus", "opgave", "Doelstellingen",
     "Waar ligt de focus?", "", "meerkeuze",
     ["Toegang", "Welzijnsarrangementen", "Individuele zorg en ondersteuning",
      "Schakelfunctie"], ""),
    # --- 2. Vormgeving -----------------------------------------------------------------------
    ("vormgeving-concreet", "vormgeving", "",
     "Hoe kan het team concreet worden vormgegeven?",
     "Een samenwerkingsverband (casus- of netwerkoverleg) is nog geen team. In een geïntegreerd "
     "werkend team houden professionals een sterke binding met hun moederorganisatie. Een "
     "integraal team is gemandateerd, werkt zelfstandig vanuit één visie en heeft een eigen "
     "leidinggevende.", "tekst", [], ""),
    ("vormgeving-werkwijze", "vormgeving", "",
     "Werkt het team vanuit één visie en één (basis)werkwijze?", "", "keuze", JA_NEE_DEELS, ""),
    # --- 3. Inrichting en uitvoering ---------------------------------------------------------
    ("inrichting-breedte", "inrichting", "Breedte",
     "Welke gebieden van het sociale domein bestrijkt het team?", "", "meerkeuze",
     ["Psychosociale hulpverlening", "Somatische zorg", "Schuldhulpverlening",
      "Samenlevingsopbouw", "Arbeidsparticipatie", "Mantelzorgondersteuning",
      "Vrijwilligerswerk", "Openbare veiligheid"], ""),
    ("inrichting-functies", "inrichting", "Breedte",
     "Welke functies heeft het team?", "Dit antwoord hoort bij de inrichting van het team.",
     "meerkeuze", [], "functions"),
    ("inrichting-doelgroep", "inrichting", "Breedte",
     "Voor wie is het team er?", "Dit antwoord hoort bij de inrichting van het team.",
     "keuze", [], "target_group"),
    ("inrichting-domein", "inrichting", "Breedte",
     "Op welk domein richt het team zich (alleen bij de doelgroep 'één domein')?",
     "Dit antwoord hoort bij de inrichting van het team.", "keuze", [], "target_domain"),
    ("inrichting-diepte-inzet", "inrichting", "Diepte",
     "Hoe ver gaat de inzet? Denk aan duur, intensiteit en tijdsinzet.", "", "tekst", [], ""),
    ("inrichting-diepte-disciplines", "inrichting", "Diepte",
     "Welke disciplines en ervaringsdeskundigheid zijn beschikbaar in de wijk?", "", "tekst",
     [], ""),
    ("inrichting-diepte-doorverwijzen", "inrichting", "Diepte",
     "Wanneer en hoe wordt doorverwezen naar specialistische inzet?", "", "tekst", [], ""),
    ("inrichting-focus", "inrichting", "Focus van het team",
     "Zijn er in de wijk meerdere gefocuste teams naast elkaar (bijvoorbeeld jeugd, "
     "psychosociale zorg, wijkverpleging en welzijn), of één breder team?", "", "keuze",
     ["Eén breder team", "Meerdere gefocuste teams naast elkaar"], ""),
    ("inrichting-integratie", "inrichting", "Hoe geïntegreerd?",
     "Wordt gekozen voor een samenwerkingsverband, een geïntegreerd team of een integraal "
     "werkend team?", "Dit antwoord hoort bij de inrichting van het team.", "keuze", [],
     "model"),
    # --- 4. Werkprincipes --------------------------------------------------------------------
    ("werkprincipes-zorgen", "werkprincipes", "Uitgangspunten",
     "Zorgen voor of zorgen dat?", "", "keuze", ["Zorgen voor", "Zorgen dat", "Allebei"], ""),
    ("werkprincipes-collectief", "werkprincipes", "Uitgangspunten",
     "Wordt er zowel gekeken naar collectieve oplossingen als naar individueel maatwerk?", "",
     "keuze", JA_NEE_DEELS, ""),
    ("werkprincipes-participatie", "werkprincipes", "Uitgangspunten",
     "Staat het bevorderen van zelfredzaamheid in het teken van participatie?", "", "keuze",
     JA_NEE_DEELS, ""),
    ("werkprincipes-een-plan", "werkprincipes", "Uitgangspunten",
     "Wordt er gewerkt volgens 'één gezin, één plan'?", "", "keuze", JA_NEE_DEELS, ""),
    ("werkprincipes-moreel-beraad", "werkprincipes", "Uitgangspunten",
     "Vindt bij dilemma's en complexe keuzes moreel beraad plaats in het team?", "", "keuze",
     JA_NEE_DEELS, ""),
    ("werkprincipes-krachtenperspectief", "werkprincipes", "Krachtenperspectief",
     "Welke elementen van het krachtenperspectief hanteert het team?", "", "meerkeuze",
     ["Eigen regie bevorderen: het plan is van de burger",
      "Uitgaan van veerkracht, drijfveren, competenties en groeimogelijkheden",
      "Krachtbronnen in de eigen omgeving aanwenden (sociaal netwerkbenadering)",
      "Dialogisch werken", "Ontwikkelingsgericht werken: gericht op mogelijkheden en groei",
      "Wederkerigheid",
      "Alledaags functioneren ondersteunen in plaats van toestanden opheffen"], ""),
    ("werkprincipes-basismethodiek", "werkprincipes", "Werkmethoden",
     "Welke basismethodiek gebruikt het hele team?", "", "tekst", [], ""),
    ("werkprincipes-specifieke-methoden", "werkprincipes", "Werkmethoden",
     "Welke specifieke methoden worden op basis van specialisme ingezet?", "", "tekst", [], ""),
    # --- 5. Aansturing -----------------------------------------------------------------------
    ("aansturing-regie-organisatie", "aansturing", "Regie",
     "Welke organisatie heeft de regie over de activiteiten van het wijkteam?", "", "tekst",
     [], ""),
    ("aansturing-meewerkend-teamleider", "aansturing", "Regie",
     "Is er sprake van een meewerkend teamleider?", "", "keuze", JA_NEE, ""),
    ("aansturing-regievoerder", "aansturing", "Regie",
     "Wie, of welke organisatie, is op casusniveau de regievoerder?", "", "tekst", [], ""),
    ("aansturing-eindverantwoordelijk", "aansturing", "Regie",
     "Welke partij heeft de eindverantwoordelijkheid voor de activiteiten in het netwerk?", "",
     "tekst", [], ""),
    ("aansturing-entiteit", "aansturing", "Organisatie",
     "Wordt het wijkteam gevormd als nieuwe juridische entiteit, naast bestaande organisaties?",
     "", "keuze", JA_NEE, ""),
    ("aansturing-moederorganisatie", "aansturing", "Organisatie",
     "Hoe wordt de verbinding tussen de professional in het wijkteam en de moederorganisatie "
     "georganiseerd?", "", "tekst", [], ""),
    ("aansturing-verantwoording", "aansturing", "Organisatie",
     "Aan wie, waarover en hoe leggen professionals verantwoording af?", "", "tekst", [], ""),
    ("aansturing-gefaciliteerd", "aansturing", "Organisatie",
     "Zijn professionals voldoende gefaciliteerd om zelfstandig geïntegreerd of integraal te "
     "werken?", "", "schaal", [], ""),
    ("aansturing-mandaat", "aansturing", "Organisatie",
     "In hoeverre krijgt het team het mandaat om zelf beslissingen te nemen?",
     "De grenzen per rol legt de functioneel beheerder vast in het mandaat van het team.",
     "schaal", [], ""),
    ("aansturing-financiering", "aansturing", "Organisatie",
     "Zijn de financieringsstromen van waaruit de professionals betaald worden helder?", "",
     "keuze", JA_NEE_DEELS, ""),
    ("aansturing-specialistische-kennis", "aansturing", "Organisatie",
     "Hoe maken de professionals gebruik van de specialistische kennis in het team?", "",
     "tekst", [], ""),
    ("aansturing-samenwerking-teams", "aansturing", "Organisatie",
     "Als er meer wijkteams zijn: werken de teams samen, en welke afspraken zijn daarover "
     "vastgelegd?", "", "tekst", [], ""),
    # --- 6. Competenties ---------------------------------------------------------------------
    ("competenties-generalist", "competenties", "Generalist",
     "Welke competenties van een generalist in het sociale domein zijn in het team aanwezig?",
     "", "meerkeuze",
     ["Werkt vanuit het leefwereldperspectief van de burger of cliënt",
      "Richt zich integraal op het functioneren op (bijna) alle leefgebieden",
      "Heeft oog voor kansen, wensen en mogelijkheden, maar ook voor kwetsbaarheid",
      "Is bekend met het referentiekader van andere disciplines",
      "Kan een scala aan (lichte) interventies uitvoeren",
      "Verbindt hulp- en dienstverlening met maatschappelijke participatie",
      "Werkt met individuen, systemen en groepen"], ""),
    ("competenties-complex", "competenties", "Meervoudige complexe vragen",
     "Begeleidt het team ook cliënten met meervoudige complexe vragen?",
     "Dan is ook gedegen vakkennis en verdiepende kennis nodig.", "keuze", JA_NEE, ""),
    ("competenties-verdieping", "competenties", "Meervoudige complexe vragen",
     "Welke verdiepende kennis is in het team aanwezig?", "", "meerkeuze",
     ["Jeugdzorg", "Opvoedingsondersteuning", "Psychiatrie", "Lvb", "Nah", "Dementie",
      "Schuldhulpverlening"], ""),
    ("competenties-persoonlijk", "competenties", "Persoonlijke competenties",
     "Welke persoonlijke competenties vraagt het team?", "", "meerkeuze",
     ["Ondernemend", "Oplossingsgericht", "Presentiegericht", "Empathisch", "Activerend",
      "Werkt op basis van vertrouwen", "Pragmatisch"], ""),
    ("competenties-samenstelling", "competenties", "Teamsamenstelling",
     "Hoe is het team samengesteld: welke achtergronden, vaardigheden, stijlen en rollen?", "",
     "tekst", [], ""),
    ("competenties-ervaringsdeskundigheid", "competenties", "Teamsamenstelling",
     "Is er ervaringsdeskundigheid in het team?", "", "keuze", JA_NEE, ""),
]  # fmt: skip


def question_rows() -> list[dict[str, object]]:
    """The bank as field values, ``order`` in steps of 10 within the whole bank."""
    return [
        {
            "code": code,
            "block": block,
            "topic": topic,
            "text": text,
            "help_text": help_text,
            "kind": kind,
            "options": list(options),
            "config_field": config,
            "order": (index + 1) * 10,
        }
        for index, (code, block, topic, text, help_text, kind, options, config) in enumerate(
            QUESTIONS
        )
    ]
