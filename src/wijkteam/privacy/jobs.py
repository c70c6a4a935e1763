"""The access log's periodic jobs (see ``core.jobs``): the nightly chain check and the
checkpoint written outside the database."""

from django.utils.translation import gettext as _

from wijkteam.core.jobs import JobError

from . import access_log_checkpoints as checkpoints
from .access_log_verify import ChainProblem, verify_chain


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


def access_log_checkpoint() -> str:
    """Append a signed checkpoint of the chain's head to the file outside the database."""
    try:
        before = checkpoints.read()
        mark = checkpoints.write(skip_unchanged=True)
    except checkpoints.CheckpointRefused as exc:
        raise JobError(
            _(
                "Geen checkpoint van de toegangslog geschreven: %(reason)s. Draai "
                "verify_access_log en meld het als beveiligingsincident."
            )
            % {"reason": exc}
        ) from None
    if mark is None:
        return _("De toegangslog is leeg; geen checkpoint nodig.")
    if before and mark == before[-1]:
        return _("Geen nieuwe regels sinds het laatste checkpoint (regel %(entry)s).") % {
            "entry": mark.entry_id
        }
    return _("Checkpoint geschreven: regel %(entry)s.") % {"entry": mark.entry_id}
