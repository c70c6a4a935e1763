from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("inrichting/", views.setup, name="setup"),
    path("inrichting/gemeenten/nieuw/", views.municipality_edit, name="municipality_create"),
    path("inrichting/gemeenten/<id:pk>/", views.municipality_edit, name="municipality_edit"),
    path("inrichting/wijken/nieuw/", views.district_edit, name="district_create"),
    path("inrichting/wijken/<id:pk>/", views.district_edit, name="district_edit"),
    path("inrichting/buurten/nieuw/", views.neighbourhood_edit, name="neighbourhood_create"),
    path("inrichting/buurten/<id:pk>/", views.neighbourhood_edit, name="neighbourhood_edit"),
    path("inrichting/organisaties/nieuw/", views.organisation_edit, name="organisation_create"),
    path("inrichting/organisaties/<id:pk>/", views.organisation_edit, name="organisation_edit"),
    path("inrichting/teams/nieuw/", views.team_edit, name="team_create"),
    path("inrichting/teams/<id:pk>/wijzigen/", views.team_edit, name="team_edit"),
    path("teams/<id:pk>/", views.team_detail, name="team_detail"),
    path(
        "inrichting/teams/<id:team_pk>/leden/nieuw/",
        views.membership_edit,
        name="membership_create",
    ),
    path(
        "inrichting/teams/<id:team_pk>/leden/<id:pk>/",
        views.membership_edit,
        name="membership_edit",
    ),
    path(
        "inrichting/teams/<id:team_pk>/mandaat/nieuw/",
        views.mandate_rule_edit,
        name="mandate_rule_create",
    ),
    path(
        "inrichting/teams/<id:team_pk>/mandaat/<id:pk>/",
        views.mandate_rule_edit,
        name="mandate_rule_edit",
    ),
    path(
        "inrichting/teams/<id:team_pk>/mandaat/<id:pk>/verwijderen/",
        views.mandate_rule_delete,
        name="mandate_rule_delete",
    ),
    path("mijn-teams/", views.my_teams, name="my_teams"),
    path("teams-in-de-gemeente/", views.overview, name="overview"),
]
