"""API of the provider catalogue: contracted products per provider (no personal data).

Reading: the functioneel beheerder sees every contract; a team member those of providers in
the municipalities of their teams (what their allocation form offers). Writing (add, remove)
is the functioneel beheerder's, through the services; a refused write is ``400`` with the
field errors or ``403``. Register with ``register(router)``.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.accounts.http import current_user
from wijkteam.accounts.models import User
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import ProductCategory
from wijkteam.organisation.models import Organisation

from . import services
from .models import ContractedProduct
from .policies import PROVIDER_KINDS, may_maintain_catalogue

ERROR = inline_serializer(
    name="CatalogueError",
    fields={
        "code": serializers.CharField(),
        "detail": serializers.CharField(),
        "errors": serializers.DictField(required=False),
    },
)
INVALID = OpenApiResponse(ERROR, description="De invoer is niet geldig (`code` = `invalid`).")
FORBIDDEN = OpenApiResponse(ERROR, description="Alleen de functioneel beheerder.")
NOT_FOUND = OpenApiResponse(ERROR, description="Niet gevonden of buiten uw bereik.")


class ContractedProductSerializer(serializers.ModelSerializer):
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    agb_code = serializers.CharField(source="provider.agb_code", read_only=True)

    class Meta:
        model = ContractedProduct
        fields = [
            "id",
            "provider",
            "provider_name",
            "agb_code",
            "product_category",
            "product_code",
            "description",
            "created_at",
        ]
        read_only_fields = ["id", "provider_name", "agb_code", "created_at"]


class ContractedProductCreateSerializer(serializers.Serializer):
    provider = serializers.IntegerField()
    product_category = serializers.ChoiceField(choices=ProductCategory.choices)
    product_code = serializers.CharField(max_length=5, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=150)


def visible_products(user: User) -> QuerySet[ContractedProduct]:
    qs = ContractedProduct.objects.select_related("provider").order_by(
        "provider__name", "product_category", "product_code", "id"
    )
    if may_maintain_catalogue(user):
        return qs
    municipalities = org_policies.active_memberships(user).values("team__municipality_id")
    return qs.filter(provider__municipality_id__in=municipalities)


class ContractedProductViewSet(viewsets.GenericViewSet):
    """Contracted products (WMO020/JZ020 category and local product code) per provider."""

    serializer_class = ContractedProductSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return ContractedProduct.objects.none()
        return visible_products(current_user(self.request))

    @extend_schema(
        parameters=[
            OpenApiParameter("provider", int, description="Alleen deze aanbieder"),
            OpenApiParameter("product_category", str, description="Alleen deze categorie"),
        ],
        responses={200: ContractedProductSerializer(many=True)},
    )
    def list(self, request: Request) -> Response:
        qs = self.get_queryset()
        provider = request.query_params.get("provider", "")
        if provider.isdigit():
            qs = qs.filter(provider_id=int(provider))
        category = request.query_params.get("product_category", "")
        if category:
            qs = qs.filter(product_category=category)
        page = self.paginate_queryset(qs)
        data = ContractedProductSerializer(page if page is not None else qs, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(
        request=ContractedProductCreateSerializer,
        responses={201: ContractedProductSerializer, 400: INVALID, 403: FORBIDDEN},
    )
    def create(self, request: Request) -> Response:
        user: User = current_user(request)
        if not may_maintain_catalogue(user):
            raise PermissionDenied(_("Alleen de functioneel beheerder onderhoudt de catalogus."))
        body = ContractedProductCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        provider = Organisation.objects.filter(pk=data["provider"], kind__in=PROVIDER_KINDS).first()
        if provider is None:
            raise serializers.ValidationError(
                {"provider": [_("Deze aanbieder bestaat niet of levert geen ondersteuning.")]}
            )
        product = services.contracted_product_add(
            actor=user,
            provider=provider,
            product_category=data["product_category"],
            product_code=data["product_code"],
            description=data["description"],
        )
        return Response(ContractedProductSerializer(product).data, status=201)

    @extend_schema(responses={204: None, 403: FORBIDDEN, 404: NOT_FOUND})
    def destroy(self, request: Request, pk: str) -> Response:
        user: User = current_user(request)
        if not may_maintain_catalogue(user):
            raise PermissionDenied(_("Alleen de functioneel beheerder onderhoudt de catalogus."))
        product = self.get_queryset().filter(pk=int(pk) if pk.isdigit() else 0).first()
        if product is None:
            return Response({"code": "not_found", "detail": _("Niet gevonden.")}, status=404)
        services.contracted_product_remove(actor=user, product=product)
        return Response(status=204)


def register(router: BaseRouter) -> None:
    router.register("contracted-products", ContractedProductViewSet, basename="contracted-product")
