from django.urls import path

from . import health, views

app_name = "core"

urlpatterns = [
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
]
