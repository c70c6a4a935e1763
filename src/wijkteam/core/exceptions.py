from django.utils.translation import gettext_lazy as _


class ConcurrentEditError(Exception):
    """Someone else saved the same record after this form was opened."""

    message = _(
        "Iemand anders heeft dit gegeven intussen gewijzigd. Uw wijziging is niet opgeslagen; "
        "open het opnieuw om de nieuwste versie te zien."
    )

    def __str__(self) -> str:
        return str(self.message)
