"""Code lists of the documents app, with Dutch labels.

Each document type falls under one consent category (``DataCategory``): a member of a partner
organisation sees a document only when the household consented to that category for their
organisation (docs/privacy.md, "Documents"). There is deliberately no type for a copy of an
identity document: a copy of a passport or ID card holds the BSN and a photo and is not needed
for the work of the team (data minimisation); the upload form says so.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.privacy.constants import DataCategory


class DocumentType(models.TextChoices):
    MEDISCHE_VERKLARING = "medische_verklaring", _("Medische verklaring of advies")
    INDICATIE = "indicatie", _("Indicatie of besluit van een andere instantie")
    BRIEF = "brief", _("Brief van of aan de inwoner")
    VERSLAG_DERDEN = "verslag_derden", _("Verslag van een ander (school, hulpverlener)")
    FINANCIEEL = "financieel", _("Financieel stuk (inkomen, schulden)")
    PLAN = "plan", _("Ondertekend plan of afspraken")
    OVERIG = "overig", _("Overig")


# The consent category of each type. Every type must be listed (a test checks it); an unclear
# type falls under "onderzoek", the casework file itself, never under the widely shared
# basic data.
TYPE_CATEGORIES: dict[str, str] = {
    DocumentType.MEDISCHE_VERKLARING: DataCategory.GEZONDHEID,
    DocumentType.INDICATIE: DataCategory.BESLUITEN,
    DocumentType.BRIEF: DataCategory.ONDERZOEK,
    DocumentType.VERSLAG_DERDEN: DataCategory.ONDERZOEK,
    DocumentType.FINANCIEEL: DataCategory.FINANCIEN,
    DocumentType.PLAN: DataCategory.PLAN,
    DocumentType.OVERIG: DataCategory.ONDERZOEK,
}

# Settings (docs/architecture.md, "Documents"): the storage alias in ``STORAGES`` and the
# largest file accepted by default (``DOCUMENTS_MAX_BYTES`` overrides it).
STORAGE_ALIAS = "documents"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
