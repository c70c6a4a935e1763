"""The resident screens (URL namespace ``residents``): they live in cases, which holds the
consent rule for a resident's basic data."""

from django.urls import path

from .views import residents as views

app_name = "residents"

urlpatterns = [
    path("inwoners/", views.search, name="search"),
    path("inwoners/nieuw/", views.create, name="create"),
    path("inwoners/<id:pk>/", views.detail, name="detail"),
    path("inwoners/<id:pk>/wijzigen/", views.edit, name="edit"),
    path("inwoners/<id:pk>/netwerk/nieuw/", views.network_edit, name="network_create"),
    path("inwoners/<id:pk>/netwerk/<id:member_pk>/", views.network_edit, name="network_edit"),
]
