"""The portal's records in the inzage export and in retention (``wijkteam.privacy.registry``).

The models also go with what they hang on (cascade): a plan answer with its plan, the portal
details of a melding with the melding, a message with its case. A message's attachment is
destroyed through its own queryset first, so that its stored file is removed too.

The legal representatives are offered to the iwmo app's 301 (its Relaties) through
``wijkteam.iwmo.representatives``.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.cases import links, timeline
from wijkteam.iwmo import representatives
from wijkteam.privacy import registry
from wijkteam.privacy.registry import ExportScope


def _answers(scope: ExportScope) -> Q:
    return Q(resident=scope.resident)


def _portal_reports(scope: ExportScope) -> Q:
    return Q(report__resident=scope.resident)


def _messages(scope: ExportScope) -> Q:
    """What the resident wrote, and what the team wrote in the thread of their cases."""
    return Q(resident=scope.resident) | Q(case_id__in=scope.case_ids, direction="team")


def _attachments(scope: ExportScope) -> Q:
    """The files with the messages of ``_messages``."""
    return Q(message__resident=scope.resident) | Q(
        message__case_id__in=scope.case_ids, message__direction="team"
    )


def register() -> None:
    from .models import (
        Message,
        MessageAttachment,
        PlanAgreement,
        PortalReport,
        Representation,
        SurveyParticipation,
    )
    from .representatives import legal_representatives
    from .team import LINK_SLUG, shows_portal_link
    from .timeline import SOURCE

    # The 301's Relaties: the legal representatives (iwmo lies below the portal).
    representatives.register(legal_representatives)

    timeline.register(SOURCE)

    links.register(
        links.CaseLink(
            slug=LINK_SLUG,
            label=_("Mijn wijkteam"),
            url_name="portal:team_case",
            order=20,
            visible=shows_portal_link,
        )
    )

    registry.register_inzage("portal.PlanAgreement", _answers, order=310)
    registry.register_inzage("portal.PortalReport", _portal_reports, order=311)
    registry.register_inzage("portal.Message", _messages, order=312)
    registry.register_inzage("portal.MessageAttachment", _attachments, order=312)
    registry.register_inzage("portal.SurveyParticipation", _answers, order=313)
    registry.register_inzage(
        "portal.Representation", lambda scope: Q(represented=scope.resident), order=314
    )
    registry.register_resident_rows(
        "portal.Representation",
        lambda ids, _household: Representation.objects.filter(represented_id__in=ids),
        order=4,
    )
    registry.register_case_rows(
        "portal.SurveyParticipation",
        lambda case_id: SurveyParticipation.objects.filter(case_id=case_id),
        order=4,
    )
    # before the messages, through the queryset whose delete() removes the stored files
    registry.register_case_rows(
        "portal.MessageAttachment",
        lambda case_id: MessageAttachment.objects.filter(message__case_id=case_id),
        order=3,
    )
    registry.register_case_rows(
        "portal.Message", lambda case_id: Message.objects.filter(case_id=case_id), order=4
    )
    registry.register_case_rows(
        "portal.PlanAgreement",
        lambda case_id: PlanAgreement.objects.filter(plan__case_id=case_id),
        order=4,
    )
    registry.register_case_rows(
        "portal.PortalReport",
        lambda case_id: PortalReport.objects.filter(report__case_id=case_id),
        order=4,
    )
