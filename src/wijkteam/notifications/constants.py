"""Kinds of notification and how often a user wants e-mail about each."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    NEW_REPORT = "new_report", _("Nieuwe melding in de werkvoorraad van uw team")
    CASE_HANDOVER = "case_handover", _("Een casus is aan u overgedragen")
    SECOND_APPROVAL = "second_approval", _("Een besluit wacht op uw tweede akkoord")
    TERM_EXPIRING = "term_expiring", _("Een wettelijke termijn verloopt binnen 3 werkdagen")
    TERM_EXPIRED = "term_expired", _("Een wettelijke termijn is verstreken")
    EMERGENCY_REVIEW = "emergency_review", _("Een doorbraak wacht op uw beoordeling")
    RESIDENT_MESSAGE = "resident_message", _("Een inwoner heeft het team een bericht gestuurd")
    RETENTION_REPORT = "retention_report", _("Dossiers voorbij de bewaartermijn wachten op akkoord")
    JOB_FAILED = "job_failed", _("Een geplande taak is mislukt")
    QUARTER_FIGURES = (
        "quarter_figures",
        _("De cijfers van het afgelopen kwartaal zijn compleet: een overzicht kan worden gemaakt"),
    )
    OVERVIEW_PUBLISHED = (
        "overview_published",
        _("Een nieuw overzicht voor de Wmo-raad is gepubliceerd"),
    )


class EmailFrequency(models.TextChoices):
    NEVER = "nooit", _("Geen e-mail")
    IMMEDIATE = "direct", _("Direct een e-mail")
    DAILY = "dagelijks", _("Eén e-mail per dag met een overzicht")


# Without a preference: urgent kinds by e-mail at once, the rest in the daily overview.
_URGENT = {
    NotificationKind.SECOND_APPROVAL,
    NotificationKind.EMERGENCY_REVIEW,
    NotificationKind.TERM_EXPIRED,
    NotificationKind.JOB_FAILED,
}
DEFAULT_EMAIL: dict[str, str] = {
    str(kind): str(EmailFrequency.IMMEDIATE if kind in _URGENT else EmailFrequency.DAILY)
    for kind in NotificationKind
}
