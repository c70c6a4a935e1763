from django.conf import settings
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from wijkteam.accountability.api import register as register_accountability_api
from wijkteam.area.api import register as register_area_api
from wijkteam.cases.api import register_all as register_case_api
from wijkteam.core.api import IdRouter
from wijkteam.documents.api import register as register_documents_api
from wijkteam.iwmo.api import register as register_iwmo_api
from wijkteam.organisation.api import TeamViewSet
from wijkteam.providers.api import register as register_providers_api
from wijkteam.rights.api import register as register_privacy_api
from wijkteam.socialmap.api import register as register_socialmap_api

router = IdRouter()
router.register("teams", TeamViewSet, basename="team")
register_case_api(router)
register_privacy_api(router)
register_accountability_api(router)
register_socialmap_api(router)
register_area_api(router)
register_providers_api(router)
register_iwmo_api(router)
register_documents_api(router)

urlpatterns = [
    path("", include("wijkteam.home.urls")),
    path("", include("wijkteam.core.urls")),
    path("", include("wijkteam.notifications.urls")),
    path("", include("wijkteam.jobs.urls")),
    path("", include("wijkteam.accounts.urls")),
    path("", include("wijkteam.organisation.urls")),
    path("", include("wijkteam.cases.urls")),
    path("", include("wijkteam.cases.urls_residents")),
    path("", include("wijkteam.rights.urls")),
    path("", include("wijkteam.documents.urls")),
    path("", include("wijkteam.complaints.urls")),
    path("", include("wijkteam.providers.urls")),
    path("", include("wijkteam.iwmo.urls")),
    path("", include("wijkteam.portal.urls")),
    path("", include("wijkteam.accountability.urls")),
    path("", include("wijkteam.outreach.urls")),
    path("", include("wijkteam.area.urls")),
    path("", include("wijkteam.socialmap.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

if "wijkteam.idp" in settings.INSTALLED_APPS:  # demo and test settings only
    urlpatterns += [
        path("", include("wijkteam.idp.urls")),
        path("idp-test/o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    ]

handler400 = "wijkteam.core.errors.bad_request"
handler403 = "wijkteam.core.errors.permission_denied"
handler404 = "wijkteam.core.errors.page_not_found"
handler500 = "wijkteam.core.errors.server_error"
