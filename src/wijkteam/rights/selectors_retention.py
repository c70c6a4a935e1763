"""What the beheerder sees of the retention run waiting for confirmation (no names)."""

from dataclasses import dataclass

from django.http import Http404

from wijkteam.accounts.models import User
from wijkteam.rights.models import RetentionReview, ReviewStatus
from wijkteam.rights.policies import may_manage_retention
from wijkteam.rights.services.retention_review import kind_labels

SHOWN = 200


@dataclass(frozen=True)
class ReviewView:
    review: RetentionReview
    kinds: list[tuple[str, int]]
    shown: list[dict[str, str]]
    more: int

    @property
    def is_open(self) -> bool:
        return self.review.status == ReviewStatus.OPEN


def retention_review_latest(*, user: User) -> ReviewView | None:
    """The newest dry run that is not superseded (waiting, running or done)."""
    if not may_manage_retention(user):
        raise Http404
    review = (
        RetentionReview.objects.exclude(status=ReviewStatus.SUPERSEDED)
        .select_related("confirmed_by")
        .first()
    )
    if review is None:
        return None
    return ReviewView(
        review=review,
        kinds=kind_labels(review.counts),
        shown=review.dossiers[:SHOWN],
        more=max(0, len(review.dossiers) - SHOWN),
    )
