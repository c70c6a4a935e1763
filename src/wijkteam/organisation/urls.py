from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("inrichting/", views.setup, name="setup"),
    path("inrichting/gemeenten/nieuw/", views.municipality_edit, name="municipality_create"),
    path("inrichting/gemeenten/<int:pk>/", views.municipality_edit, name="municipality_edit"),
    path("inrichting/wijken/nieuw/", views.district_edit, name="district_create"),
    path("inrichting/wijken/<int:pk>/", views.district_edit, name="district_edit"),
    path("inrichting/buurten/nieuw/", views.neighbourhood_edit, name="neighbourhood_create"),
    path("inrichting/buurten/<int:pk>/", views.neighbourhood_edit, name="neighbourhood_edit"),
    path("inrichting/organisaties/nieuw/", views.organisation_edit, name="organisation_create"),
    path("inrichting/organisaties/<int:pk>/", views.organisation_edit, name="organisation_edit"),
    path("inrichting/teams/nieuw/", views.team_edit, name="team_create"),
    path("inrichting/teams/<int:pk>/wijzigen/", views.team_edit, name="team_edit"),
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
    path(
        "inrichting/teams/<int:team_pk>/leden/nieuw/",
        views.membership_edit,
        name="membership_create",
    ),
    path(
        "inrichting/teams/<int:team_pk>/leden/<int:pk>/",
        views.membership_edit,
        name="membership_edit",
    ),
    path(
        "inrichting/teams/<int:team_pk>/mandaat/nieuw/",
        views.mandate_rule_edit,
        name="mandate_rule_create",
    ),
    path(
        "inrichting/teams/<int:team_pk>/mandaat/<int:pk>/",
        views.mandate_rule_edit,
        name="mandate_rule_edit",
    ),
    path(
        "inrichting/teams/<int:team_pk>/mandaat/<int:pk>/verwijderen/",
        views.mandate_rule_delete,
        name="mandate_rule_delete",
    ),
    path("mijn-teams/", views.my_teams, name="my_teams"),
    path("teams-in-de-gemeente/", views.overview, name="overview"),
]
