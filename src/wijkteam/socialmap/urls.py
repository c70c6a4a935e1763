from django.urls import path

from .views import hsds, initiatives, services

app_name = "socialmap"

urlpatterns = [
    path("sociale-kaart/", services.search, name="search"),
    path("sociale-kaart/dienst/<id:pk>/", services.service_detail, name="service"),
    path("sociale-kaart/dienst/nieuw/", services.service_form, name="service_add"),
    path("sociale-kaart/dienst/<id:pk>/wijzigen/", services.service_form, name="service_edit"),
    path("sociale-kaart/organisaties/", services.organisations, name="organisations"),
    path("sociale-kaart/organisaties/nieuw/", services.organisation_form, name="org_add"),
    path(
        "sociale-kaart/organisaties/<id:pk>/wijzigen/",
        services.organisation_form,
        name="org_edit",
    ),
    path("sociale-kaart/locaties/nieuw/", services.location_form, name="location_add"),
    path("sociale-kaart/hsds/", hsds.hsds_import_page, name="hsds"),
    path("sociale-kaart/hsds/export/", hsds.hsds_export, name="hsds_export"),
    path("initiatieven/", initiatives.initiative_list, name="initiatives"),
    path("initiatieven/nieuw/", initiatives.initiative_form, name="initiative_add"),
    path("initiatieven/<id:pk>/", initiatives.initiative_detail, name="initiative"),
    path("initiatieven/<id:pk>/wijzigen/", initiatives.initiative_form, name="initiative_edit"),
    path("initiatieven/<id:pk>/steun/", initiatives.support_add, name="support_add"),
    path(
        "initiatieven/<id:pk>/steun/<id:support_pk>/beeindigen/",
        initiatives.support_end,
        name="support_end",
    ),
]
