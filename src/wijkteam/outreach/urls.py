"""URLs of outreach signals (namespace ``outreach``)."""

from django.urls import path

from . import views

app_name = "outreach"

urlpatterns = [
    path("signalen/", views.signal_list, name="list"),
    path("signalen/nieuw/", views.signal_create, name="create"),
    path("signalen/<id:pk>/", views.signal_detail, name="detail"),
    path("signalen/<id:pk>/omzetten/", views.signal_convert, name="convert"),
    path("beheer/signalen/", views.kind_list, name="kinds"),
    path("beheer/signalen/<id:pk>/", views.kind_edit, name="kind_edit"),
]
