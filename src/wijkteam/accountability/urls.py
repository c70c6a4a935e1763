from django.urls import path

from . import views

app_name = "accountability"

urlpatterns = [
    path("verantwoording/", views.dashboard_view, name="dashboard"),
]
