"""API of the case documents: add a document to a case (multipart upload).

The same checks as the upload screen, through the same service (``document_upload``): the kind
by content, the size, duplicates, the virus scan. Errors are structured:

- ``400 {"code": "invalid", "errors": {"file": [...]}}`` for a file of the wrong kind, too
  large, empty or already on the case;
- ``400 {"code": "virus_found", "detail": ..., "errors": {"file": [...]}}`` for an infected
  file (nothing stored, an audit row written);
- ``400 {"code": "scan_too_large", ...}`` for a file larger than the virus scanner takes
  (clamd's ``StreamMaxLength``): nothing stored, send a smaller file;
- ``503 {"code": "scan_unavailable", ...}`` (``application/problem+json``, ``Retry-After``) when
  the virus scanner cannot be reached: nothing stored, send the same request again later.

The same ``upload_token`` twice returns the document made the first time (200 instead of 201).
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.audit import upload_scan as scanning
from wijkteam.core.api import ApiErrorSerializer
from wijkteam.privacy.reads import professional_user as _user

from . import selectors, services
from .constants import DocumentType
from .models import Document

RETRY_AFTER_SECONDS = 60


class DocumentUploadSerializer(serializers.Serializer):
    case = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    document_type = serializers.ChoiceField(choices=DocumentType.choices)
    file = serializers.FileField(
        allow_empty_file=True,
        help_text="PDF, PNG, JPEG, docx, xlsx, odt of ods; de soort wordt aan de inhoud "
        "bepaald, het bestand wordt op virussen gescand",
    )
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    upload_token = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="een willekeurige sleutel per upload: twee keer dezelfde geeft één document",
    )


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = [
            "id",
            "case",
            "document_type",
            "description",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
        ]
        read_only_fields = fields


class ScanUnavailableSerializer(serializers.Serializer):
    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    code = serializers.CharField(help_text="scan_unavailable")
    detail = serializers.CharField()


def _scan_code(exc: ValidationError) -> str | None:
    for error in getattr(exc, "error_dict", {}).get("file", []):
        if error.code in (scanning.INFECTED, scanning.UNAVAILABLE, scanning.TOO_LARGE):
            return str(error.code)
    return None


class DocumentViewSet(viewsets.ViewSet):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={
            201: DocumentSerializer,
            200: OpenApiResponse(DocumentSerializer, description="dezelfde upload_token"),
            400: OpenApiResponse(
                ApiErrorSerializer,
                description="ongeldig bestand (code invalid, per veld uitgelegd) of een virus "
                "gevonden (code virus_found; niets opgeslagen) of een bestand te groot voor de "
                "virusscanner (code scan_too_large; niets opgeslagen)",
            ),
            403: OpenApiResponse(
                ApiErrorSerializer, description="geen toestemming voor deze soort document"
            ),
            404: OpenApiResponse(ApiErrorSerializer, description="casus buiten bereik"),
            (503, "application/problem+json"): OpenApiResponse(
                ScanUnavailableSerializer,
                description="de virusscanner is niet bereikbaar (code scan_unavailable): niets "
                "opgeslagen, later opnieuw proberen (Retry-After)",
            ),
        },
    )
    def create(self, request: Request) -> Response:
        user = _user(request)
        incoming = DocumentUploadSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data: dict[str, Any] = incoming.validated_data
        context = selectors.upload_context(user=user, case_pk=data["case"])
        token = data.get("upload_token")
        before = (
            Document.objects.filter(case=context.case, upload_token=token).first()
            if token is not None
            else None
        )
        try:
            document = services.document_upload(
                actor=user,
                case=context.case,
                document_type=data["document_type"],
                file=data["file"],
                description=data.get("description", ""),
                upload_token=token,
            )
        except ValidationError as exc:
            code = _scan_code(exc)
            if code == scanning.UNAVAILABLE:
                response = Response(
                    {
                        "type": "about:blank",
                        "title": _("Tijdelijk niet beschikbaar"),
                        "status": 503,
                        "code": code,
                        "detail": scanning.unavailable_message(),
                    },
                    status=503,
                    content_type="application/problem+json",
                )
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
                return response
            if code == scanning.TOO_LARGE:
                return Response(
                    {
                        "code": code,
                        "detail": scanning.too_large_message(),
                        "errors": {"file": [scanning.too_large_message()]},
                    },
                    status=400,
                )
            if code == scanning.INFECTED:
                return Response(
                    {
                        "code": "virus_found",
                        "detail": scanning.infected_message(),
                        "errors": {"file": [scanning.infected_message()]},
                    },
                    status=400,
                )
            raise
        return Response(
            DocumentSerializer(document).data, status=200 if before is not None else 201
        )


def register(router: BaseRouter) -> None:
    router.register("documents", DocumentViewSet, basename="documents")
