"""manage.py load_question_bank: add the questions of seed 004 that are missing (by code).

Never overwrites a question the functioneel beheerder changed."""

from typing import Any

from django.core.management.base import BaseCommand

from wijkteam.area.models import Question
from wijkteam.area.question_bank import question_rows


class Command(BaseCommand):
    help = "Voegt de ontbrekende vragen van de bouwstenen (seed 004) toe aan de vragenbank."

    def handle(self, *args: Any, **options: Any) -> None:
        added = 0
        for row in question_rows():
            _question, created = Question.objects.get_or_create(code=row["code"], defaults=row)
            added += created
        self.stdout.write(
            f"{added} vragen toegevoegd; de vragenbank telt er {Question.objects.count()}."
        )
