"""Background work of the portal: the e-mail that a new message waits in Mijn wijkteam.

The e-mail says only that there is a message and where to log in; never who wrote it, about
what, or what it says (an inbox is not a secure channel).
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from wijkteam.residents.models import Resident


def message_email_body(link: str) -> str:
    return _(
        "Er staat een nieuw bericht van het wijkteam voor u klaar in Mijn wijkteam.\n\n"
        "Log in met DigiD om het te lezen: %(link)s\n\n"
        "Voor uw privacy staat de inhoud niet in deze e-mail."
    ) % {"link": link}


def send_message_mail(resident_ids: list[int]) -> int:
    link = settings.WIJKTEAM_SITE_URL.rstrip("/") + reverse("portal:home")
    sent = 0
    with get_connection() as connection:
        for address in (
            Resident.objects.filter(pk__in=resident_ids)
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        ):
            EmailMessage(
                subject=_("Nieuw bericht in Mijn wijkteam"),
                body=message_email_body(link),
                to=[address],
                connection=connection,
            ).send()
            sent += 1
    return sent


@task()
def send_message_emails(resident_ids: list[int]) -> int:
    return send_message_mail(resident_ids)
