"""Word lists for synthetic residents and members: common Dutch names, streets and texts."""

# fmt: off

FIRST_NAMES_F = [
    "Anna", "Emma", "Julia", "Sophie", "Lotte", "Fleur", "Sanne", "Eva", "Lisa", "Noor",
    "Maria", "Johanna", "Cornelia", "Wilhelmina", "Elisabeth", "Fatima", "Aisha", "Yasmina",
    "Samira", "Nadia", "Ingrid", "Petra", "Monique", "Marieke", "Esther", "Linda", "Sandra",
    "Tamara", "Iris", "Femke", "Mila", "Zoë", "Tess", "Sara", "Nina", "Roos", "Hanna", "Lieke",
]
FIRST_NAMES_M = [
    "Jan", "Pieter", "Kees", "Hendrik", "Willem", "Johannes", "Cornelis", "Gerrit", "Mohamed",
    "Ahmed", "Youssef", "Mustafa", "Bram", "Daan", "Sem", "Lucas", "Levi", "Finn", "Luuk",
    "Thomas", "Ruben", "Joris", "Martijn", "Dennis", "Marco", "Erik", "Mark", "Peter", "Rob",
    "Sander", "Tim", "Niels", "Jeroen", "Bas", "Kevin", "Mehmet", "Emre", "Dirk", "Henk",
]
LAST_NAMES = [
    ("", "Jansen"), ("de", "Jong"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
    ("", "Bakker"), ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"),
    ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"),
    ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"),
    ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"),
    ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"), ("de", "Bruin"),
    ("van der", "Heijden"), ("", "Schouten"), ("van", "Beek"), ("", "Willems"), ("van", "Vliet"),
    ("van de", "Ven"), ("", "Hoekstra"), ("", "Maas"), ("", "Verhoeven"), ("", "Koster"),
    ("van", "Dam"), ("van der", "Wal"), ("", "Prins"), ("", "Blom"), ("", "Huisman"),
    ("", "Yilmaz"), ("", "El Amrani"), ("", "Bouzid"), ("", "Kaya"), ("", "Öztürk"),
    ("", "Nguyen"), ("", "Ramdin"), ("", "Tahiri"), ("", "Şahin"), ("", "Martina"),
]
STREETS = [
    "Kerkstraat", "Schoolstraat", "Molenweg", "Dorpsstraat", "Stationsweg", "Julianalaan",
    "Beatrixstraat", "Wilhelminastraat", "Eikenlaan", "Beukenlaan", "Lindelaan", "Parkweg",
    "Havenstraat", "Marktplein", "Nieuwstraat", "Spoorstraat", "Zuidwal", "Noordsingel",
    "Rozengracht", "Tulpstraat", "Vondellaan", "Rembrandtplein", "Vermeerstraat", "Dijkweg",
]
QUESTIONS = [
    "Ik red het huishouden niet meer sinds mijn operatie.",
    "Onze zoon gaat niet meer naar school en zit de hele dag op zijn kamer.",
    "Ik heb schulden en durf de post niet meer open te maken.",
    "Mijn moeder wordt vergeetachtig en ik kan de zorg niet meer aan.",
    "Ik kom de trap niet meer op en wil in mijn huis blijven wonen.",
    "Sinds de scheiding loopt het thuis niet meer.",
    "Ik voel me eenzaam en kom de deur bijna niet uit.",
    "De buren maken zich zorgen over de verwaarlozing van de woning.",
    "Ik zoek dagbesteding nu ik niet meer kan werken.",
    "Wij hebben hulp nodig bij de opvoeding van onze dochter.",
]
GOALS = [
    "Ik wil weer zelf boodschappen kunnen doen.",
    "Ik wil grip krijgen op mijn geldzaken.",
    "Ik wil dat mijn zoon weer naar school gaat.",
    "Ik wil in mijn eigen huis blijven wonen.",
    "Ik wil minder alleen zijn.",
    "Ik wil dat mijn mantelzorger het volhoudt.",
    "Ik wil rust in huis.",
    "Ik wil een zinvolle dagbesteding.",
]
ACTIONS = [
    "Aanmelden bij de schuldhulpverlening",
    "Buurvrouw helpt met boodschappen op dinsdag",
    "Gesprek met de mentor op school",
    "Huishoudelijke hulp aanvragen",
    "Aanmelden bij het buurthuis",
    "Respijtzorg regelen voor de mantelzorger",
    "Woningaanpassing laten beoordelen",
    "Samen de post doornemen",
]
NETWORK_WHAT = [
    "doet boodschappen",
    "helpt met de administratie",
    "kookt twee keer per week",
    "rijdt naar afspraken",
    "komt dagelijks langs",
    "past op de kinderen",
]
# fmt: on
