from django.urls import path

from . import team
from .views import auth, pages, socialmap

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
    path("mijn/toestemmingen/", pages.consents, name="consents"),
    path("mijn/sociale-kaart/", socialmap.social_map, name="social_map"),
    path("mijn/wie-keek/", pages.access, name="access"),
    path("mijn/wie-keek/pdf/", pages.access_pdf, name="access_pdf"),
    # the team's side (staff pages, behind the staff log-in)
    path("casussen/<id:pk>/mijn-wijkteam/", team.team_portal, name="team_case"),
]
