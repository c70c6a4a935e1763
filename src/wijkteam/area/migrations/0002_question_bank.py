"""The question bank of seed 004 (``area/question_bank.py``), loaded as data."""

from django.db import migrations


def load(apps, schema_editor):
    from wijkteam.area.question_bank import question_rows

    Question = apps.get_model("area", "Question")
    for row in question_rows():
        Question.objects.get_or_create(code=row["code"], defaults=row)


class Migration(migrations.Migration):
    dependencies = [("area", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
