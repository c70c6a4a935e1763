"""Demo data of the area app: the shipped CBS files of Gemeente Voorbeeld (synthetic figures in
CBS's real format, 2023 and 2024) and a started design for Wijkteam Centrum by its teamleider."""

import datetime
from pathlib import Path

from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.organisation.models import Team

from .models import Question
from .services import design as design_services
from .services import plan as plan_services
from .services.figures import cbs_import

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_FILES = {2023: "kwb-2023-voorbeeld.csv", 2024: "kwb-2024-voorbeeld.csv"}

DEMO_ANSWERS = {
    "opgave-vraagstuk": "Veel ouderen die alleen wonen en een groeiende groep gezinnen met "
    "schulden in de Stationsbuurt.",
    "opgave-focus": ["Toegang", "Schakelfunctie"],
    "werkprincipes-een-plan": "Ja",
    "aansturing-mandaat": 4,
}


def import_demo_figures() -> int:
    """Import the shipped CBS files; returns the number of areas stored."""
    stored = 0
    for year, name in DEMO_FILES.items():
        path = DATA_DIR / name
        report = cbs_import(actor=None, data=path.read_bytes(), filename=name, year=year)
        stored += len(report.matched)
    return stored


def add_demo_design() -> None:
    carla = User.objects.filter(username="carla").first()
    team = Team.objects.filter(name="Wijkteam Centrum").first()
    if carla is None or team is None:
        return
    design = design_services.design_start(actor=carla, team=team)
    questions = {q.code: q.pk for q in Question.objects.filter(code__in=DEMO_ANSWERS)}
    design_services.answers_save(
        actor=carla,
        design=design,
        values={questions[code]: (value, "") for code, value in DEMO_ANSWERS.items()},
    )
    goal = plan_services.goal_add(
        actor=carla,
        design=design,
        title="Bewoners van de Stationsbuurt weten het team te vinden",
        description="Uit de gebiedsanalyse: veel eenpersoonshuishoudens en bijstand.",
    )
    today = timezone.localdate()
    plan_services.action_add(
        actor=carla,
        goal=goal,
        description="Wekelijks inloopspreekuur in het buurthuis",
        owner="Carla Smit",
        due_on=today + datetime.timedelta(days=60),
    )
    plan_services.action_add(
        actor=carla,
        goal=goal,
        description="Kennismaken met de huisartsen en de woningcorporatie",
        owner="Anna de Boer",
        due_on=today + datetime.timedelta(days=30),
    )
