"""Exceptions of the term engine. Messages are Dutch, marked for translation (see calendar)."""

from __future__ import annotations

from .calendar import gettext_noop as _


class TermError(Exception):
    """Base class: a term cannot be computed, extended or suspended as requested.

    ``str(error)`` is a Dutch message suitable for showing to the user. ``template`` and
    ``params`` allow a Django layer to translate: ``gettext(error.template) % error.params``.
    """

    template: str = _("De termijn kan niet worden berekend.")

    def __init__(self, template: str | None = None, **params: object) -> None:
        self.template = template or type(self).template
        self.params = params
        super().__init__(self.template % params if params else self.template)


class UnknownTermError(TermError, KeyError):
    """The term key is not in the registry."""

    template = _("Onbekende termijn '%(key)s'.")

    def __str__(self) -> str:  # KeyError would otherwise add quotes around the message
        return str(self.args[0])


class UnknownVariantError(TermError):
    """The variant does not exist for this term."""

    template = _("De termijn '%(term)s' kent geen variant '%(variant)s'.")


class InvalidStartError(TermError):
    """The start moment does not fit the term (e.g. a date for a term in hours)."""

    template = _("Voor een termijn in uren is een tijdstip nodig, niet alleen een datum.")


class MissingReasonError(TermError):
    """An extension or suspension was requested without a reason."""

    template = _("Geef een reden op.")


class ExtensionNotAllowedError(TermError):
    """The term cannot be extended at all."""

    template = _("De termijn '%(term)s' kan niet worden verlengd.")


class ExtensionLimitReachedError(TermError):
    """The maximum number of extensions has been used."""

    template = _("De termijn '%(term)s' mag ten hoogste %(max)s keer worden verlengd.")


class ExtensionAmountError(TermError):
    """The requested extension is missing, not positive or longer than allowed."""

    template = _("De termijn '%(term)s' mag ten hoogste %(max)s %(unit)s worden verlengd.")


class SuspensionNotAllowedError(TermError):
    """The term cannot be suspended."""

    template = _("De termijn '%(term)s' kan niet worden opgeschort.")


class InvalidSuspensionError(TermError):
    """The suspension period is not valid (end not after start, outside the running term)."""

    template = _("De einddatum van de opschorting moet na de begindatum liggen.")


class OverlappingSuspensionError(InvalidSuspensionError):
    """The suspension overlaps an existing suspension."""

    template = _("De opschorting overlapt met een eerdere opschorting (%(start)s tot %(end)s).")
