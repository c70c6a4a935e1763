from django.urls import path

from . import views

app_name = "accountability"

urlpatterns = [
    path("verantwoording/", views.dashboard_view, name="dashboard"),
    path("verantwoording/aanbieders/", views.performance_view, name="performance"),
    path("verantwoording/overzichten/", views.overview_list, name="overviews"),
    path("verantwoording/overzichten/nieuw/", views.overview_create, name="overview_create"),
    path("verantwoording/overzichten/<id:pk>/", views.overview_detail, name="overview"),
    path("verantwoording/overzichten/<id:pk>/wijzigen/", views.overview_edit, name="overview_edit"),
    path("verantwoording/publicaties/", views.published_list, name="published_list"),
    path("verantwoording/publicaties/<id:pk>/", views.published_detail, name="published"),
]
