"""Reference data shipped with the product (REFERENCE §1, §3). Loaded by a data migration."""

# ZRM 2017: domain names and scale labels only; the per-cell criteria are copyrighted
# (GGD Amsterdam) and can be loaded by an operator with a licence.
ZRM_DOMAINS = [
    ("financien", "Financiën"),
    ("werk_opleiding", "Werk & opleiding"),
    ("tijdsbesteding", "Tijdsbesteding"),
    ("huisvesting", "Huisvesting"),
    ("huiselijke_relaties", "Huiselijke relaties"),
    ("geestelijke_gezondheid", "Geestelijke gezondheid"),
    ("lichamelijke_gezondheid", "Lichamelijke gezondheid"),
    ("middelengebruik", "Middelengebruik"),
    ("basale_adl", "Basale ADL"),
    ("instrumentele_adl", "Instrumentele ADL"),
    ("sociaal_netwerk", "Sociaal netwerk"),
    ("maatschappelijke_participatie", "Maatschappelijke participatie"),
    ("justitie", "Justitie"),
]
ZRM_LABELS = [
    (1, "Acute problematiek"),
    (2, "Niet zelfredzaam"),
    (3, "Beperkt zelfredzaam"),
    (4, "Voldoende zelfredzaam"),
    (5, "Volledig zelfredzaam"),
]
PG_DOMAINS = [
    ("lichaamsfuncties", "Lichaamsfuncties"),
    ("mentaal_welbevinden", "Mentaal welbevinden"),
    ("zingeving", "Zingeving"),
    ("kwaliteit_van_leven", "Kwaliteit van leven"),
    ("meedoen", "Meedoen"),
    ("dagelijks_functioneren", "Dagelijks functioneren"),
]
INSTRUMENTS = [
    {
        "code": "zrm2017",
        "name": "Zelfredzaamheid-Matrix 2017",
        "scale": (1, 5),
        "source": "ZRM 2017, GGD Amsterdam (alleen domeinen en schaallabels)",
        "domains": ZRM_DOMAINS,
        "labels": ZRM_LABELS,
    },
    {
        "code": "positieve_gezondheid",
        "name": "Positieve Gezondheid",
        "scale": (0, 10),
        "source": "Institute for Positive Health: zes dimensies, score 0–10",
        "domains": PG_DOMAINS,
        "labels": [(0, "Laag"), (10, "Hoog")],
    },
]
DECREE_SOURCE = (
    "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en "
    "26 mei 2028 met een algemeen erkende feestdag"
)
