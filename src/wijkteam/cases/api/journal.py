"""API of the case journal: list the contact moments of a case, record one, correct one.

The same scope, consent and validation as the screens (``selectors_journal``,
``services.journal``). A correction carries ``expected_version``; a stale one answers
``409 {"code": "conflict"}`` and changes nothing. A create with an ``idempotency_key`` that was
used before returns the entry made the first time (200 instead of 201).
"""

from typing import Any

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.core.api import optional_but_version
from wijkteam.privacy.constants import DataCategory
from wijkteam.privacy.reads import professional_user as _user

from .. import selectors
from .. import selectors_journal as journal
from ..constants import JOURNAL_NOTE_MAX, JOURNAL_WITH_WHOM_MAX, JournalKind
from ..models import JournalEntry
from ..policies_consent import visible_categories
from ..services.journal import journal_entry_create, journal_entry_update

ID = OpenApiParameter("id", int, OpenApiParameter.PATH)
PER_PAGE = 50


class JournalErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="invalid, permission_denied, not_found, conflict")
    detail = serializers.CharField(help_text="de melding in het Nederlands")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="per veld de meldingen (alleen bij invalid)",
    )


ERRORS: dict[int, OpenApiResponse] = {
    400: OpenApiResponse(
        JournalErrorSerializer, description="ongeldige invoer, per veld uitgelegd"
    ),
    403: OpenApiResponse(
        JournalErrorSerializer,
        description="geen toestemming van de inwoner voor deze soort gegevens, of geen "
        "regisseur, betrokken teamlid of teamleider van de casus",
    ),
    404: OpenApiResponse(
        JournalErrorSerializer, description="casus of contactmoment buiten bereik"
    ),
}


class JournalEntrySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    category_label = serializers.CharField(source="get_category_display")
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = JournalEntry
        fields = [
            "id",
            "case",
            "occurred_on",
            "kind",
            "kind_label",
            "with_whom",
            "note",
            "category",
            "category_label",
            "author",
            "author_name",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = fields

    def get_author_name(self, entry: JournalEntry) -> str:
        return str(entry.author.display_name)


class JournalPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = JournalEntrySerializer(many=True)


class JournalFieldsSerializer(serializers.Serializer):
    occurred_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=JournalKind.choices)
    with_whom = serializers.CharField(max_length=JOURNAL_WITH_WHOM_MAX)
    note = serializers.CharField(max_length=JOURNAL_NOTE_MAX)
    category = serializers.ChoiceField(choices=DataCategory.choices)


class JournalCreateSerializer(JournalFieldsSerializer):
    case = serializers.IntegerField(min_value=1)
    idempotency_key = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="een willekeurige sleutel per formulier: twee keer dezelfde geeft één "
        "contactmoment",
    )


class JournalUpdateSerializer(JournalFieldsSerializer):
    expected_version = serializers.IntegerField(
        min_value=1, help_text="de versie die u las; verouderd geeft 409"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        optional_but_version(self)


class JournalEntryViewSet(viewsets.ViewSet):
    lookup_value_regex = r"[0-9]{1,18}"
    http_method_names = ["get", "post", "patch", "head", "options"]

    @extend_schema(
        parameters=[
            OpenApiParameter("case", int, required=True, description="de casus"),
            OpenApiParameter("page", int),
        ],
        responses={200: JournalPageSerializer, **ERRORS},
    )
    def list(self, request: Request) -> Response:
        user = _user(request)
        raw_case = request.query_params.get("case", "")
        if not raw_case.isdigit() or len(raw_case) > 18:
            raise serializers.ValidationError({"case": [_("Geef het nummer van een casus.")]})
        case = selectors.case_get(
            user=user, pk=int(raw_case), purpose=_("journaal opgevraagd via de API")
        )
        categories = visible_categories(user, case)
        number = request.query_params.get("page", "1")
        page = Paginator(journal.journal_entries(case, categories), PER_PAGE).get_page(
            int(number) if number.isdigit() and len(number) < 7 else 1
        )
        return Response(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "results": JournalEntrySerializer(page.object_list, many=True).data,
            }
        )

    @extend_schema(parameters=[ID], responses={200: JournalEntrySerializer, **ERRORS})
    def retrieve(self, request: Request, pk: str) -> Response:
        entry = journal.journal_entry_by_id(
            user=_user(request), pk=int(pk), purpose=_("contactmoment opgevraagd via de API")
        )
        return Response(JournalEntrySerializer(entry).data)

    @extend_schema(
        request=JournalCreateSerializer,
        responses={
            201: JournalEntrySerializer,
            200: OpenApiResponse(
                JournalEntrySerializer, description="dezelfde idempotency_key: het eerste"
            ),
            **ERRORS,
        },
    )
    def create(self, request: Request) -> Response:
        user = _user(request)
        data = JournalCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        frame = journal.journal_case_for_work(user=user, case_pk=values.pop("case"))
        key = values.pop("idempotency_key", None)
        existed = key is not None and JournalEntry.objects.filter(idempotency_key=key).exists()
        entry = journal_entry_create(actor=user, case=frame.case, idempotency_key=key, **values)
        return Response(JournalEntrySerializer(entry).data, status=200 if existed else 201)

    @extend_schema(
        parameters=[ID],
        request=JournalUpdateSerializer,
        responses={
            200: JournalEntrySerializer,
            409: OpenApiResponse(
                JournalErrorSerializer,
                description="verouderde versie: iemand wijzigde het intussen",
            ),
            **ERRORS,
        },
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        user = _user(request)
        entry = journal.journal_entry_by_id(
            user=user, pk=int(pk), purpose=_("contactmoment wijzigen via de API")
        )
        data = JournalUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        expected = values.pop("expected_version")
        current = {
            "occurred_on": entry.occurred_on,
            "kind": entry.kind,
            "with_whom": entry.with_whom,
            "note": entry.note,
            "category": entry.category,
        }
        entry = journal_entry_update(
            actor=user, entry=entry, expected_version=expected, **(current | values)
        )
        return Response(JournalEntrySerializer(entry).data)


def register(router: BaseRouter) -> None:
    router.register("journal-entries", JournalEntryViewSet, basename="journal-entry")
