"""The case journal (journaal): contact moments with the household and its partners."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from wijkteam.privacy.constants import DataCategory

from ..constants import JOURNAL_NOTE_MAX, JOURNAL_WITH_WHOM_MAX, JournalKind
from .case import Case


class JournalEntry(models.Model):
    """One contact moment: when, how, with whom, the note, and the consent category of the note.

    A member of another organisation sees the entry only when the household consented to its
    ``category`` for that organisation (``cases.policies_consent``). ``version`` guards a stale
    edit; ``idempotency_key`` (a random key per form) makes a form sent twice — a double submit
    after the connection returned — one entry.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="journal_entries")
    occurred_on = models.DateField(_("datum"))
    kind = models.CharField(_("soort contact"), max_length=20, choices=JournalKind.choices)
    with_whom = models.CharField(_("met wie"), max_length=JOURNAL_WITH_WHOM_MAX)
    note = models.TextField(
        _("notitie"),
        max_length=JOURNAL_NOTE_MAX,
        validators=[MaxLengthValidator(JOURNAL_NOTE_MAX)],
    )
    category = models.CharField(
        _("soort gegevens (toestemming)"),
        max_length=20,
        choices=DataCategory.choices,
        default=DataCategory.ONDERZOEK,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("journaalregel")
        verbose_name_plural = _("journaal")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["case", "occurred_on"], name="journal_case_day_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(note=""), name="journal_note_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("note"), JOURNAL_NOTE_MAX),
                name="journal_note_max_length",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=JournalKind.values), name="journal_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=DataCategory.values),
                name="journal_category_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on:%d-%m-%Y} {self.get_kind_display()}"
