from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
]
