"""Default retention periods per dossier kind (changeable afterwards on the retention page).

The values marked "te bevestigen" were not verified against the current legal text; see
``wijkteam.privacy.constants.RETENTION_DEFAULTS`` and docs/privacy.md.
"""

from django.db import migrations

from wijkteam.privacy.constants import RETENTION_DEFAULTS


def load(apps, schema_editor):
    try:
        RetentionRule = apps.get_model("privacy", "RetentionRule")
    except LookupError:  # the live registry (testing.reference): the model moved to rights
        RetentionRule = apps.get_model("rights", "RetentionRule")
    for spec in RETENTION_DEFAULTS:
        RetentionRule.objects.get_or_create(
            kind=str(spec["kind"]),
            defaults={
                "years": spec["years"],
                "starts": spec["starts"],
                "source": spec["source"],
                "to_confirm": spec["to_confirm"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_consent_emergency_inzage_retention")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
