from django.urls import path

from . import views

app_name = "residents"

urlpatterns = [
    path("inwoners/", views.search, name="search"),
    path("inwoners/nieuw/", views.create, name="create"),
    path("inwoners/<int:pk>/", views.detail, name="detail"),
    path("inwoners/<int:pk>/wijzigen/", views.edit, name="edit"),
    path("inwoners/<int:pk>/netwerk/nieuw/", views.network_edit, name="network_create"),
    path("inwoners/<int:pk>/netwerk/<int:member_pk>/", views.network_edit, name="network_edit"),
]
