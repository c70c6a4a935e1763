"""Write API of the social map: create a service or a citizen initiative (POST) and change
one (PATCH).

Only the functioneel beheerder maintains services, as on the screens
(``policies.may_maintain``); everyone else who reads the map gets a 403. Initiatives are
registered and changed by everyone who reads the map, within their municipalities, as on the
screens (``policies.may_register_initiative``). Both go through the services
(``service_save``, ``initiative_save``): the same checks (codes, wijken and buurten of the
right municipality, a location of the organisation, at least one area; an initiative's contact
person only with the date of their consent), one transaction, an audit row.

- POST takes every field; ``Idempotency-Key`` (``core.idempotency``) makes a repeat return the
  first answer instead of a second service.
- PATCH takes any of the fields plus the required ``expected_version`` (the ``version`` the
  client read): a stale one is ``409 {"code": "conflict"}`` and changes nothing. The lists
  (``life_domains``, ``districts``, ``locations`` ...) replace the service's list when given.

Errors are the project's ``{"code", "detail", "errors"}``; an unknown organisation, wijk,
buurt or location is a 400 naming the field.
"""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from wijkteam.accounts.http import current_user
from wijkteam.accounts.models import User
from wijkteam.core.api import optional_but_version
from wijkteam.organisation.models import District, Neighbourhood

from . import policies, selectors
from .constants import InitiativeStatus, LifeDomain, ServiceStatus, TargetGroup
from .models import Initiative, Location, MapOrganisation, Service
from .services import initiative_save, service_save

MAX_ID = 2**63 - 1


class MayMaintainMap(permissions.BasePermission):
    message = gettext_lazy("Alleen de functioneel beheerder onderhoudt de sociale kaart.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return policies.may_maintain(request.user)


def _id_list(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=200,
        help_text=help_text,
    )


class ServiceLocationWriteSerializer(serializers.Serializer):
    location = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="Id van een locatie van de organisatie."
    )
    opening_hours = serializers.CharField(max_length=250, required=False, allow_blank=True)


class MapServiceWriteSerializer(serializers.Serializer):
    """A service as POSTed: the fields of the beheerder's form."""

    organisation = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="Id van een organisatie op de sociale kaart."
    )
    name = serializers.CharField(max_length=150)
    description = serializers.CharField(max_length=5000)
    general_provision = serializers.BooleanField(required=False, default=True)
    status = serializers.ChoiceField(
        choices=ServiceStatus.choices, required=False, default=ServiceStatus.ACTIVE
    )
    life_domains = serializers.ListField(
        child=serializers.ChoiceField(choices=LifeDomain.choices), required=False, max_length=20
    )
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), required=False, max_length=20
    )
    for_whom = serializers.CharField(max_length=250, required=False, allow_blank=True)
    whole_municipality = serializers.BooleanField(required=False, default=False)
    districts = _id_list("Ids van wijken van de gemeente van de organisatie.")
    neighbourhoods = _id_list("Ids van buurten van de gemeente van de organisatie.")
    locations = ServiceLocationWriteSerializer(many=True, required=False, max_length=50)
    costs = serializers.CharField(max_length=250, required=False, allow_blank=True)
    how_to_access = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    website = serializers.URLField(max_length=200, required=False, allow_blank=True)


def _expected_version() -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="De versie die u las; verouderd geeft 409."
    )


class MapServicePatchSerializer(MapServiceWriteSerializer):
    """A change: any field, and the version that was read."""

    expected_version = _expected_version()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        optional_but_version(self)


def _found[M: Model](qs: QuerySet[M], ids: list[int], field: str, message: str) -> list[M]:
    unique = list(dict.fromkeys(ids))
    objects = {obj.pk: obj for obj in qs.filter(pk__in=unique)}
    missing = [str(pk) for pk in unique if pk not in objects]
    if missing:
        raise DjangoValidationError({field: [f"{message} ({', '.join(missing)})"]})
    return [objects[pk] for pk in unique]


def _organisation(user: User, pk: int) -> MapOrganisation:
    org = selectors.organisations(user=user).filter(pk=pk).first()
    if org is None:
        raise DjangoValidationError(
            {"organisation": [_("Deze organisatie staat niet op de sociale kaart.")]}
        )
    return org


def _current(service: Service) -> dict[str, Any]:
    """The service's values in the shape of ``service_save``'s arguments."""
    return {
        "organisation": service.organisation,
        "name": service.name,
        "description": service.description,
        "general_provision": service.general_provision,
        "status": service.status,
        "life_domains": service.life_domain_codes,
        "target_groups": service.target_group_codes,
        "for_whom": service.for_whom,
        "whole_municipality": service.whole_municipality,
        "districts": list(service.districts.all()),
        "neighbourhoods": list(service.neighbourhoods.all()),
        "locations": [
            (sal.location, sal.opening_hours)
            for sal in service.at_locations.select_related("location").order_by("pk")
        ],
        "costs": service.costs,
        "how_to_access": service.how_to_access,
        "email": service.email,
        "phone": service.phone,
        "website": service.website,
    }


def _resolve(user: User, data: dict[str, Any]) -> dict[str, Any]:
    """Ids in the request to the rows ``service_save`` takes."""
    values = dict(data)
    if "organisation" in values:
        values["organisation"] = _organisation(user, values["organisation"])
    if "districts" in values:
        values["districts"] = _found(
            District.objects.all(),
            values["districts"],
            "districts",
            _("Deze wijken bestaan niet"),
        )
    if "neighbourhoods" in values:
        values["neighbourhoods"] = _found(
            Neighbourhood.objects.select_related("district"),
            values["neighbourhoods"],
            "neighbourhoods",
            _("Deze buurten bestaan niet"),
        )
    if "locations" in values:
        entries = values["locations"]
        found = _found(
            Location.objects.all(),
            [e["location"] for e in entries],
            "locations",
            _("Deze locaties bestaan niet"),
        )
        by_pk = {loc.pk: loc for loc in found}
        hours: dict[int, str] = {}
        for e in entries:
            hours[e["location"]] = e.get("opening_hours", "")
        values["locations"] = [(by_pk[pk], hours[pk]) for pk in hours]
    return values


class ServiceWriteMixin:
    """``create`` and ``partial_update`` for the services viewset (``api.MapServiceViewSet``),
    which answers with its own read serializer (``serializer_class``)."""

    request: Request
    action: str | None
    serializer_class: type[serializers.BaseSerializer]

    if TYPE_CHECKING:  # provided by the viewset

        def get_object(self) -> Any: ...

        def get_queryset(self) -> QuerySet[Any]: ...

    def _answer(self, obj: Model, status: int) -> Response:
        """The row as ``GET`` shows it (the viewset's queryset, outside the list's filters)."""
        return Response(
            self.serializer_class(self.get_queryset().get(pk=obj.pk)).data, status=status
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = current_user(request)
        data = MapServiceWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = _resolve(user, dict(data.validated_data))
        service = service_save(actor=user, **values)
        return self._answer(service, 201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = current_user(request)
        service = self.get_object()
        data = MapServicePatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        expected = values.pop("expected_version")
        merged = _current(service) | _resolve(user, values)
        service = service_save(actor=user, service=service, expected_version=expected, **merged)
        return self._answer(service, 200)


class MapInitiativeWriteSerializer(serializers.Serializer):
    """An initiative as POSTed: the fields of the registration form."""

    name = serializers.CharField(max_length=150)
    description = serializers.CharField(max_length=5000)
    district = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="Id van een wijk van uw gemeente(n)."
    )
    neighbourhood = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        allow_null=True,
        help_text="Id van een buurt in die wijk; leeg: de hele wijk.",
    )
    meeting_place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    for_whom = serializers.CharField(max_length=250, required=False, allow_blank=True)
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), required=False, max_length=20
    )
    life_domains = serializers.ListField(
        child=serializers.ChoiceField(choices=LifeDomain.choices), required=False, max_length=20
    )
    status = serializers.ChoiceField(
        choices=InitiativeStatus.choices, required=False, default=InitiativeStatus.ACTIEF
    )
    contact_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_consent_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="De dag waarop de contactpersoon toestemming gaf om vermeld te worden; "
        "verplicht bij contactgegevens.",
    )


class MapInitiativePatchSerializer(MapInitiativeWriteSerializer):
    """A change: any field, and the version that was read."""

    expected_version = _expected_version()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        optional_but_version(self)


def _initiative_current(item: Initiative) -> dict[str, Any]:
    return {
        "name": item.name,
        "description": item.description,
        "district": item.district,
        "neighbourhood": item.neighbourhood,
        "meeting_place": item.meeting_place,
        "for_whom": item.for_whom,
        "target_groups": item.target_group_codes,
        "life_domains": item.life_domain_codes,
        "status": item.status,
        "contact_name": item.contact_name,
        "contact_phone": item.contact_phone,
        "contact_email": item.contact_email,
        "contact_consent_on": item.contact_consent_on,
    }


def _initiative_resolve(user: User, data: dict[str, Any]) -> dict[str, Any]:
    values = dict(data)
    ids = policies.municipality_ids(user)
    if "district" in values:
        districts = District.objects.filter(pk=values["district"])
        if ids is not None:
            districts = districts.filter(municipality_id__in=ids)
        district = districts.first()
        if district is None:
            raise DjangoValidationError(
                {"district": [_("Deze wijk bestaat niet of hoort niet bij uw gemeente.")]}
            )
        values["district"] = district
    if values.get("neighbourhood") is not None:
        hood = Neighbourhood.objects.filter(pk=values["neighbourhood"]).first()
        if hood is None:
            raise DjangoValidationError({"neighbourhood": [_("Deze buurten bestaan niet")]})
        values["neighbourhood"] = hood
    return values


class InitiativeWriteMixin(ServiceWriteMixin):
    """``create`` and ``partial_update`` for the initiatives viewset."""

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = current_user(request)
        data = MapInitiativeWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = initiative_save(actor=user, **_initiative_resolve(user, dict(data.validated_data)))
        return self._answer(item, 201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = current_user(request)
        item = self.get_object()
        data = MapInitiativePatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        expected = values.pop("expected_version")
        merged = _initiative_current(item) | _initiative_resolve(user, values)
        item = initiative_save(actor=user, initiative=item, expected_version=expected, **merged)
        return self._answer(item, 200)
