from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("beheer/taken/", views.overview, name="overview"),
    path("beheer/taken/<slug:name>/uitvoeren/", views.run_now, name="run_now"),
]
