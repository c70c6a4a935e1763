"""Every write of complaints, objections and survey answers: keyword-only ``<noun>_<verb>``,
one transaction, the audit event inside, nothing stored on a refusal.

The stable entry points (the resident portal builds on them):

- ``complaint_file(*, actor, team, subject, summary, received_on, provider=None, case=None,
  resident=None, committee=False, channel=FilingChannel.PROFESSIONAL, submission_token=None)``
- ``complaint_acknowledge``, ``complaint_hear``, ``complaint_extend``, ``complaint_close``
- ``objection_file(*, actor, decision, grounds, received_on, committee=False,
  excusable_delay_note="", channel=FilingChannel.PROFESSIONAL, submission_token=None)``
- ``objection_hear``, ``objection_extend``, ``objection_decide``, ``objection_withdraw``
- ``survey_answer(*, actor, team, law, answers, answered_on=None, submission_token=None)``
"""

from .complaint import (
    complaint_acknowledge,
    complaint_close,
    complaint_extend,
    complaint_file,
    complaint_hear,
)
from .objection import (
    objection_decide,
    objection_extend,
    objection_file,
    objection_hear,
    objection_withdraw,
)
from .survey import survey_answer

__all__ = [
    "complaint_acknowledge",
    "complaint_close",
    "complaint_extend",
    "complaint_file",
    "complaint_hear",
    "objection_decide",
    "objection_extend",
    "objection_file",
    "objection_hear",
    "objection_withdraw",
    "survey_answer",
]
