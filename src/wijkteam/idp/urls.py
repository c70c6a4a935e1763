from django.urls import path

from . import views

app_name = "idp"

urlpatterns = [
    path("idp-test/inloggen/", views.login, name="login"),
    path(
        "idp-test/o/authorize/",
        views.DigidTestAuthorizationView.as_view(),
        name="authorize",
    ),
]
