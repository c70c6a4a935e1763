"""The project's URLs plus the privacy screens and API, until the lead wires them in."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from wijkteam.rights.api import register
from wijkteam.urls import handler400, handler403, handler404, handler500  # noqa: F401
from wijkteam.urls import urlpatterns as project_urlpatterns

router = SimpleRouter()
register(router)

urlpatterns = [
    path("", include("wijkteam.rights.urls")),
    path("api/", include(router.urls)),
    *project_urlpatterns,
]
