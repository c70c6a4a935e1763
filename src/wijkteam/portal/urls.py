from django.urls import path

from . import team
from .views import (
    auth,
    complaints,
    decisions,
    messages,
    pages,
    representation,
    rights,
    socialmap,
    survey,
)

app_name = "portal"

urlpatterns = [
    path("mijn/inloggen/", auth.login, name="login"),
    path("mijn/inloggen/digid/", auth.oidc_start, name="oidc_start"),
    path("mijn/inloggen/terug/", auth.oidc_callback, name="oidc_callback"),
    path("mijn/uitloggen/", auth.logout, name="logout"),
    path("mijn/", pages.home, name="home"),
    path("mijn/hulp-vragen/", pages.ask, name="ask"),
    path("mijn/hulp-vragen/ontvangen/", pages.ask_done, name="ask_done"),
    path("mijn/hulpvraag/<id:pk>/", pages.case_detail, name="case"),
    path("mijn/hulpvraag/<id:pk>/berichten/", messages.thread, name="messages"),
    path(
        "mijn/hulpvraag/<id:pk>/berichten/bijlage/<id:apk>/",
        messages.attachment,
        name="message_attachment",
    ),
    path("mijn/besluiten/", decisions.decisions, name="decisions"),
    path("mijn/besluiten/<id:pk>/beschikking.pdf", decisions.decision_pdf, name="decision_pdf"),
    path("mijn/besluiten/<id:pk>/bezwaar/", complaints.objection, name="objection"),
    path("mijn/klacht/", complaints.complaint, name="complaint"),
    path("mijn/tevredenheid/", survey.survey_list, name="survey"),
    path("mijn/tevredenheid/<id:pk>/", survey.survey_form, name="survey_form"),
    path("mijn/inzage/", rights.requests, name="requests"),
    path(
        "mijn/inzage/<id:pk>/mijn-gegevens.pdf",
        rights.inzage_download,
        {"fmt": "pdf"},
        name="inzage_pdf",
    ),
    path(
        "mijn/inzage/<id:pk>/mijn-gegevens.json",
        rights.inzage_download,
        {"fmt": "json"},
        name="inzage_json",
    ),
    path("mijn/vertegenwoordiging/", representation.representation, name="representation"),
    path("mijn/toestemmingen/", pages.consents, name="consents"),
    path("mijn/sociale-kaart/", socialmap.social_map, name="social_map"),
    path("mijn/wie-keek/", pages.access, name="access"),
    path("mijn/wie-keek/pdf/", pages.access_pdf, name="access_pdf"),
    # the team's side (staff pages, behind the staff log-in)
    path("casussen/<id:pk>/mijn-wijkteam/", team.team_portal, name="team_case"),
    path(
        "casussen/<id:pk>/mijn-wijkteam/bijlage/<id:apk>/",
        team.team_attachment,
        name="team_attachment",
    ),
    path(
        "casussen/<id:pk>/mijn-wijkteam/vertegenwoordiging/",
        team.team_representation,
        name="team_representation",
    ),
]
