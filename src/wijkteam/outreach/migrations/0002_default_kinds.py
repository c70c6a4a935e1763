from django.db import migrations

from wijkteam.outreach.constants import DEFAULT_KINDS


def load(apps, schema_editor):
    SignalKind = apps.get_model("outreach", "SignalKind")
    for code, name, days in DEFAULT_KINDS:
        SignalKind.objects.get_or_create(code=code, defaults={"name": name, "follow_up_days": days})


class Migration(migrations.Migration):
    dependencies = [("outreach", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
