"""A document on a case: the file's metadata here, the file itself in private storage."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.models import Action, Case, Decision
from wijkteam.residents.models import Resident

from .constants import TYPE_CATEGORIES, DocumentType
from .storage import remove_files_on_commit


class DocumentQuerySet(models.QuerySet["Document"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        """Delete the rows and, when the transaction commits, their stored files.

        Retention destroys a case's documents through the queryset it registered
        (``registrations.py``); a plain queryset delete would leave the files behind.
        """
        names = list(self.values_list("stored_name", flat=True))
        result = super().delete()
        remove_files_on_commit(names)
        return result


class Document(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="documents", verbose_name=_("casus")
    )
    document_type = models.CharField(
        _("soort document"), max_length=30, choices=DocumentType.choices
    )
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    # Whom the document is about, when it is about one member of the household: the inzage
    # of the other members then leaves it out. Empty: the whole household.
    resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("over inwoner"),
    )
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    size = models.PositiveBigIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(_("controlegetal (SHA-256)"), max_length=64)
    # The random name in the documents storage; never shown, never derived from the file name.
    stored_name = models.CharField(_("opslagnaam"), max_length=100, unique=True, editable=False)
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("actie uit het plan"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("besluit"),
    )
    # Sent along with the upload form: a second submit of the same form adds nothing.
    upload_token = models.UUIDField(null=True, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("toegevoegd door"),
    )
    uploaded_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-uploaded_at", "-id"]
        indexes = [
            models.Index(fields=["case", "-uploaded_at", "-id"], name="document_case_list_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "sha256"],
                name="document_content_once_per_case",
                violation_error_message=_("Dit bestand is al eerder aan deze casus toegevoegd."),
            ),
            models.UniqueConstraint(
                fields=["case", "upload_token"], name="document_upload_token_once_per_case"
            ),
            models.CheckConstraint(
                condition=Q(document_type__in=DocumentType.values), name="document_type_valid"
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="document_size_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_type_display()}: {self.original_name}"

    @property
    def category(self) -> str:
        """The consent category a user must see to see this document."""
        return TYPE_CATEGORIES[self.document_type]

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.resident_id is not None and self.case_id is not None:
            household = Case.objects.filter(pk=self.case_id).values_list("household_id", flat=True)
            resident_household = Resident.objects.filter(pk=self.resident_id).values_list(
                "household_id", flat=True
            )
            if list(household) != list(resident_household):
                errors["resident"] = _("Deze inwoner hoort niet bij het huishouden van de casus.")
        if self.action_id is not None and self.case_id is not None:
            plan_case = Action.objects.filter(pk=self.action_id).values_list(
                "plan__case_id", flat=True
            )
            if list(plan_case) != [self.case_id]:
                errors["action"] = _("Deze actie hoort niet bij het plan van deze casus.")
        if self.decision_id is not None and self.case_id is not None:
            decision_case = Decision.objects.filter(pk=self.decision_id).values_list(
                "case_id", flat=True
            )
            if list(decision_case) != [self.case_id]:
                errors["decision"] = _("Dit besluit hoort niet bij deze casus.")
        if errors:
            raise ValidationError(errors)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        name = self.stored_name
        result = super().delete(*args, **kwargs)
        remove_files_on_commit([name])
        return result
