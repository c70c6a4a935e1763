"""Serializers of the privacy API (:mod:`wijkteam.rights.api`): consents and their refusals,
emergency access, inzage requests, the access overview's rows."""

from rest_framework import serializers

from wijkteam.core.api import page_serializer
from wijkteam.privacy.constants import (
    EMERGENCY_DEFAULT_MINUTES,
    ConsentMethod,
    DataCategory,
    EmergencyVerdict,
    LegalGround,
    RefusalReason,
    RequestChannel,
    RequestedBy,
    SharingBasis,
)
from wijkteam.privacy.models import Consent, ConsentRefusal, EmergencyAccess
from wijkteam.rights.models import InzageRequest


class ConsentSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    in_force = serializers.SerializerMethodField()

    class Meta:
        model = Consent
        fields = [
            "id",
            "resident",
            "organisation",
            "organisation_name",
            "basis",
            "purpose",
            "categories",
            "given_how",
            "legal_ground",
            "justification",
            "valid_from",
            "valid_until",
            "withdrawn_at",
            "withdrawal_note",
            "recorded_at",
            "in_force",
        ]
        read_only_fields = fields

    def get_in_force(self, consent: Consent) -> bool:
        from django.utils import timezone

        return consent.is_valid_on(timezone.localdate())


class ConsentInputSerializer(serializers.Serializer):
    resident = serializers.IntegerField()
    organisation = serializers.IntegerField()
    basis = serializers.ChoiceField(choices=SharingBasis.choices, default=SharingBasis.TOESTEMMING)
    purpose = serializers.CharField(max_length=250)
    categories = serializers.ListField(
        child=serializers.ChoiceField(
            choices=DataCategory.choices,
            error_messages={"invalid_choice": "Onbekende soort gegevens: {input}."},
        ),
        allow_empty=False,
        error_messages={"empty": "Kies ten minste één soort gegevens."},
    )
    given_how = serializers.ChoiceField(
        choices=ConsentMethod.choices, required=False, allow_blank=True, default=""
    )
    legal_ground = serializers.ChoiceField(
        choices=LegalGround.choices, required=False, allow_blank=True, default=""
    )
    justification = serializers.CharField(required=False, allow_blank=True, default="")
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)


class ConsentRefusalSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = ConsentRefusal
        fields = [
            "id",
            "resident",
            "organisation",
            "organisation_name",
            "category",
            "refused_on",
            "reason",
            "recorded_at",
        ]
        read_only_fields = fields


class ConsentRefusalInputSerializer(serializers.Serializer):
    resident = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    organisation = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    category = serializers.ChoiceField(
        choices=DataCategory.choices,
        error_messages={"invalid_choice": "Kies de soort gegevens uit de lijst."},
    )
    refused_on = serializers.DateField()
    reason = serializers.ChoiceField(
        choices=RefusalReason.choices,
        required=False,
        allow_blank=True,
        default="",
        error_messages={"invalid_choice": "Kies een reden uit de lijst, of laat de reden leeg."},
    )


ConsentRefusalPage = page_serializer(ConsentRefusalSerializer, "ConsentRefusalPage")


class WithdrawInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")


class EmergencyAccessSerializer(serializers.ModelSerializer):
    class Meta:
        model = EmergencyAccess
        fields = [
            "id",
            "user",
            "case",
            "reason",
            "opened_at",
            "expires_at",
            "verdict",
            "review_note",
            "reviewed_by",
            "reviewed_at",
        ]
        read_only_fields = fields


class EmergencyInputSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    reason = serializers.CharField(allow_blank=True, required=False, default="")
    minutes = serializers.IntegerField(default=EMERGENCY_DEFAULT_MINUTES)


class ReviewInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=EmergencyVerdict.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class InzageRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = InzageRequest
        fields = [
            "id",
            "resident",
            "received_on",
            "requested_by",
            "received_via",
            "note",
            "due_on",
            "extended",
            "extension_reason",
            "status",
            "provided_on",
            "registered_at",
        ]
        read_only_fields = fields


class InzageInputSerializer(serializers.Serializer):
    resident = serializers.IntegerField()
    received_on = serializers.DateField()
    requested_by = serializers.ChoiceField(choices=RequestedBy.choices)
    received_via = serializers.ChoiceField(choices=RequestChannel.choices)
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")


class AccessRowSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    who = serializers.CharField()
    organisation = serializers.CharField()
    role = serializers.CharField()
    action = serializers.CharField()
    action_label = serializers.CharField()
    why = serializers.CharField()
