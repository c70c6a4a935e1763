"""Serializers of the social map's read API (``api.py``): what a client sees of an
organisation, a service with its locations, and a citizen initiative (its contact person only
with a recorded consent)."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Initiative, MapOrganisation, Service


class OrganisationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = MapOrganisation
        fields = ["id", "uuid", "name"]


class MapOrganisationSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.cbs_code")
    service_count = serializers.IntegerField()

    class Meta:
        model = MapOrganisation
        fields = [
            "id",
            "uuid",
            "municipality",
            "name",
            "description",
            "website",
            "email",
            "phone",
            "service_count",
            "updated_at",
        ]


class ServiceLocationSerializer(serializers.Serializer):
    name = serializers.CharField(source="location.name")
    address = serializers.CharField(source="location.address")
    postal_code = serializers.CharField(source="location.postal_code")
    city = serializers.CharField(source="location.city")
    neighbourhood = serializers.CharField(
        source="location.neighbourhood.cbs_code", allow_null=True, default=None
    )
    accessibility = serializers.CharField(source="location.accessibility")
    opening_hours = serializers.CharField()


class MapServiceSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer()
    life_domains = serializers.ListField(child=serializers.CharField(), source="life_domain_codes")
    target_groups = serializers.ListField(
        child=serializers.CharField(), source="target_group_codes"
    )
    districts = serializers.SerializerMethodField()
    neighbourhoods = serializers.SerializerMethodField()
    locations = ServiceLocationSerializer(many=True, source="at_locations")

    class Meta:
        model = Service
        fields = [
            "id",
            "uuid",
            "name",
            "description",
            "organisation",
            "general_provision",
            "status",
            "life_domains",
            "target_groups",
            "for_whom",
            "whole_municipality",
            "districts",
            "neighbourhoods",
            "locations",
            "costs",
            "how_to_access",
            "email",
            "phone",
            "website",
            "updated_at",
            "version",
        ]

    def get_districts(self, service: Service) -> list[str]:
        return sorted(d.cbs_code for d in service.districts.all())

    def get_neighbourhoods(self, service: Service) -> list[str]:
        return sorted(n.cbs_code for n in service.neighbourhoods.all())


class InitiativeContactSerializer(serializers.Serializer):
    name = serializers.CharField(source="contact_name")
    phone = serializers.CharField(source="contact_phone")
    email = serializers.CharField(source="contact_email")
    consent_on = serializers.DateField(source="contact_consent_on")


class MapInitiativeSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.cbs_code")
    district = serializers.CharField(source="district.cbs_code")
    neighbourhood = serializers.CharField(
        source="neighbourhood.cbs_code", allow_null=True, default=None
    )
    life_domains = serializers.ListField(child=serializers.CharField(), source="life_domain_codes")
    target_groups = serializers.ListField(
        child=serializers.CharField(), source="target_group_codes"
    )
    supported_now = serializers.BooleanField(
        help_text="Een team steunt het initiatief vandaag.",
    )
    contact = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            "uuid",
            "name",
            "description",
            "municipality",
            "district",
            "neighbourhood",
            "meeting_place",
            "for_whom",
            "target_groups",
            "life_domains",
            "status",
            "supported_now",
            "contact",
            "updated_at",
            "version",
        ]

    @extend_schema_field(InitiativeContactSerializer(allow_null=True))
    def get_contact(self, initiative: Initiative) -> dict[str, Any] | None:
        """Only a contact person who consented to be listed (always so, by constraint)."""
        if initiative.contact_consent_on is None or not initiative.contact_name:
            return None
        return dict(InitiativeContactSerializer(initiative).data)
