"""Read API of the social map: organisations, services and general provisions, citizen
initiatives. The same scope as the screens (professionals with an active team read their
teams' municipalities, the functioneel beheerder all) and the same filters; nothing here is
resident data. The HSDS 3.0 export stays the exchange format (``/sociale-kaart/hsds/export/``);
this API is for the project's own clients. Register with ``register(router)``.

Errors are the project's ``{"code", "detail", "errors"}`` (``core.api.exception_handler``): a
filter that is not a known code, or a wijk or buurt outside the user's municipalities, is a
400 with the field named; an id out of scope a 404; a user who may not read the map a 403.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
)
from rest_framework import permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.routers import BaseRouter

from wijkteam.accounts.http import current_user
from wijkteam.accounts.models import User
from wijkteam.core.api import error_responses
from wijkteam.core.api_permissions import IsVerifiedProfessional
from wijkteam.organisation.models import District

from . import policies, selectors
from .api_serializers import (
    MapInitiativeSerializer,
    MapOrganisationSerializer,
    MapServiceSerializer,
)
from .api_write import (
    InitiativeWriteMixin,
    MapInitiativePatchSerializer,
    MapInitiativeWriteSerializer,
    MapServicePatchSerializer,
    MapServiceWriteSerializer,
    MayMaintainMap,
    ServiceWriteMixin,
)
from .constants import InitiativeStatus, LifeDomain, TargetGroup
from .forms import SearchForm
from .models import Initiative, InitiativeSupport, MapOrganisation, Service


class MayReadMap(permissions.BasePermission):
    message = _(
        "Alleen professionals van een team en de functioneel beheerder lezen de sociale kaart."
    )

    def has_permission(self, request: Request, view: Any) -> bool:
        return policies.may_search(request.user)


READ = [IsVerifiedProfessional, MayReadMap]
ID = OpenApiParameter("id", int, OpenApiParameter.PATH)


# Views ------------------------------------------------------------------------------------


def _form_errors(form: Any) -> DjangoValidationError:
    return DjangoValidationError({k: list(v) for k, v in form.errors.items()})


def _support_now() -> Exists:
    day = timezone.localdate()
    return Exists(
        InitiativeSupport.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=day),
            initiative=OuterRef("pk"),
            started_on__lte=day,
        )
    )


TEXT = OpenApiParameter("q", str, description="Zoekwoorden (naam, omschrijving, organisatie).")
LIFE_DOMAIN = OpenApiParameter("leefgebied", str, enum=LifeDomain.values)
DISTRICT = OpenApiParameter("wijk", int, description="Id van een wijk van uw gemeente(n).")


class MapOrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations on the social map of the user's municipalities, with their service count."""

    permission_classes = READ
    serializer_class = MapOrganisationSerializer
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self) -> QuerySet[MapOrganisation]:
        return (
            selectors.organisations(user=current_user(self.request))
            .select_related("municipality")
            .order_by("name", "pk")
        )

    @extend_schema(
        responses={200: MapOrganisationSerializer(many=True), **error_responses(401, 403)}
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[ID],
        responses={200: MapOrganisationSerializer, **error_responses(401, 403, 404)},
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return super().retrieve(request, *args, **kwargs)


class MapServiceViewSet(ServiceWriteMixin, viewsets.ReadOnlyModelViewSet):
    """Services and general provisions: the active ones, searched and filtered like the map's
    screen; one service by id (also when not active, to explain a plan action). The
    functioneel beheerder creates (POST) and changes (PATCH) them (``api_write``)."""

    permission_classes = READ
    serializer_class = MapServiceSerializer
    lookup_value_regex = r"[0-9]{1,18}"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_permissions(self) -> list[permissions.BasePermission]:
        if self.action in ("create", "partial_update"):
            return [IsVerifiedProfessional(), MayMaintainMap()]
        return [permission() for permission in READ]

    def get_queryset(self) -> QuerySet[Service]:
        user = current_user(self.request)
        return self._service_queryset(user).prefetch_related(
            "at_locations__location__neighbourhood"
        )

    def _service_queryset(self, user: User) -> QuerySet[Service]:
        if self.action != "list":
            return selectors.service_search(user=user, include_inactive=True)
        form = SearchForm(
            self.request.query_params, municipality_ids=policies.municipality_ids(user)
        )
        if not form.is_valid():
            raise _form_errors(form)
        data = form.cleaned_data
        return selectors.service_search(
            user=user,
            text=data["q"],
            life_domain=data["leefgebied"],
            target_group=data["doelgroep"],
            district=data["wijk"],
            neighbourhood=data["buurt"],
            general_only=data["voorliggend"],
        )

    @extend_schema(
        parameters=[
            TEXT,
            LIFE_DOMAIN,
            OpenApiParameter("doelgroep", str, enum=TargetGroup.values),
            DISTRICT,
            OpenApiParameter("buurt", int, description="Id van een buurt van uw gemeente(n)."),
            OpenApiParameter("voorliggend", bool, description="Alleen voorliggende voorzieningen."),
        ],
        responses={200: MapServiceSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[ID], responses={200: MapServiceSerializer, **error_responses(401, 403, 404)}
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        request=MapServiceWriteSerializer,
        responses={201: MapServiceSerializer, **error_responses(400, 401, 403)},
        description="Een dienst toevoegen (functioneel beheerder). Met de kop Idempotency-Key "
        "geeft een herhaling het eerste antwoord terug in plaats van een tweede dienst.",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return super().create(request, *args, **kwargs)

    @extend_schema(
        parameters=[ID],
        request=MapServicePatchSerializer,
        responses={200: MapServiceSerializer, **error_responses(400, 401, 403, 404, 409)},
        description="Een dienst wijzigen (functioneel beheerder): alleen de meegegeven velden, "
        "met expected_version; een verouderde versie geeft 409 en wijzigt niets.",
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return super().partial_update(request, *args, **kwargs)


class InitiativeFilterSerializer(serializers.Serializer):
    q = serializers.CharField(max_length=100, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=InitiativeStatus.choices, required=False)
    leefgebied = serializers.ChoiceField(choices=LifeDomain.choices, required=False)
    wijk = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)


class MapInitiativeViewSet(InitiativeWriteMixin, viewsets.ReadOnlyModelViewSet):
    """Citizen initiatives of the user's municipalities (any status unless filtered), whether a
    team supports each today, and the contact person who consented to be listed. Everyone who
    reads them registers (POST) and changes (PATCH) them (``api_write``)."""

    permission_classes = READ
    serializer_class = MapInitiativeSerializer
    lookup_value_regex = r"[0-9]{1,18}"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Initiative]:
        user = current_user(self.request)
        filters: dict[str, Any] = {}
        if self.action == "list":
            params = InitiativeFilterSerializer(data=self.request.query_params)
            params.is_valid(raise_exception=True)
            data = params.validated_data
            district = None
            if "wijk" in data:
                ids = policies.municipality_ids(user)
                district = District.objects.filter(pk=data["wijk"]).first()
                if district is None or (ids is not None and district.municipality_id not in ids):
                    raise DjangoValidationError(
                        {"wijk": [str(_("Deze wijk bestaat niet of hoort niet bij uw gemeente."))]}
                    )
            filters = {
                "text": data.get("q", ""),
                "status": data.get("status", ""),
                "life_domain": data.get("leefgebied", ""),
                "district": district,
            }
        return (
            selectors.initiative_list(user=user, **filters)
            .select_related("municipality")
            .annotate(supported_now=_support_now())
        )

    @extend_schema(
        parameters=[
            TEXT,
            OpenApiParameter("status", str, enum=InitiativeStatus.values),
            LIFE_DOMAIN,
            DISTRICT,
        ],
        responses={200: MapInitiativeSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[ID], responses={200: MapInitiativeSerializer, **error_responses(401, 403, 404)}
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        request=MapInitiativeWriteSerializer,
        responses={201: MapInitiativeSerializer, **error_responses(400, 401, 403)},
        description="Een initiatief registreren. Contactgegevens alleen met de datum van "
        "toestemming. Met de kop Idempotency-Key geeft een herhaling het eerste antwoord terug.",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return super().create(request, *args, **kwargs)

    @extend_schema(
        parameters=[ID],
        request=MapInitiativePatchSerializer,
        responses={200: MapInitiativeSerializer, **error_responses(400, 401, 403, 404, 409)},
        description="Een initiatief wijzigen: alleen de meegegeven velden, met "
        "expected_version; een verouderde versie geeft 409 en wijzigt niets.",
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return super().partial_update(request, *args, **kwargs)


def register(router: BaseRouter) -> None:
    router.register("social-map/organisations", MapOrganisationViewSet, basename="map-organisation")
    router.register("social-map/services", MapServiceViewSet, basename="map-service")
    router.register("social-map/initiatives", MapInitiativeViewSet, basename="map-initiative")
