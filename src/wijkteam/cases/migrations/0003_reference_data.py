from django.db import migrations

from wijkteam.cases.reference_data import DECREE_SOURCE, INSTRUMENTS
from wijkteam.deadlines import DECREE_DAYS_2026_2028


def load(apps, schema_editor):
    Instrument = apps.get_model("cases", "Instrument")
    InstrumentDomain = apps.get_model("cases", "InstrumentDomain")
    ScaleLabel = apps.get_model("cases", "ScaleLabel")
    EquatedHoliday = apps.get_model("cases", "EquatedHoliday")
    for spec in INSTRUMENTS:
        instrument, _ = Instrument.objects.get_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "scale_min": spec["scale"][0],
                "scale_max": spec["scale"][1],
                "source": spec["source"],
            },
        )
        for order, (code, name) in enumerate(spec["domains"], start=1):
            InstrumentDomain.objects.get_or_create(
                instrument=instrument, code=code, defaults={"name": name, "order": order}
            )
        for value, label in spec["labels"]:
            ScaleLabel.objects.get_or_create(instrument=instrument, value=value, defaults={"label": label})
    for day in sorted(DECREE_DAYS_2026_2028):
        EquatedHoliday.objects.get_or_create(day=day, defaults={"source": DECREE_SOURCE})


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
