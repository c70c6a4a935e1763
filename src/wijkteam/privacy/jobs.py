"""The nightly check of the access log's hash chain (a periodic job, see ``core.jobs``)."""

from django.utils.translation import gettext as _

from wijkteam.core.jobs import JobError

from .access_log import ChainProblem, verify_chain


def access_log_check() -> str:
    """Walk the whole chain; a broken link fails the job with the entry and kind of problem."""
    checked = 0
    for item in verify_chain():
        if isinstance(item, ChainProblem):
            raise JobError(
                _(
                    "Toegangslog NIET in orde: eerste fout bij regel %(entry)s (%(problem)s). "
                    "Draai verify_access_log voor de uitleg en meld het als beveiligingsincident."
                )
                % {"entry": item.entry_id, "problem": item.problem}
            )
        checked = item
    return _("%(n)s regels gecontroleerd; de keten is intact.") % {"n": checked}
