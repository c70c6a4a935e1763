"""Every write of the iwmo app (messages, requests, doorzettingsmacht)."""

from .changes import allocation_change_301, allocation_end_301
from .doorzetting import (
    OutsideMandate,
    escalation_answer,
    escalation_create,
    specialist_deploy,
    specialist_stop,
)
from .incoming import InboxResult, inbox_process, message_receive
from .outgoing import message_301_create, message_send, pending_send
from .requests import request_allocate, request_investigate, request_refuse

__all__ = [
    "InboxResult",
    "OutsideMandate",
    "allocation_change_301",
    "allocation_end_301",
    "escalation_answer",
    "escalation_create",
    "inbox_process",
    "message_301_create",
    "message_receive",
    "message_send",
    "pending_send",
    "request_allocate",
    "request_investigate",
    "request_refuse",
    "specialist_deploy",
    "specialist_stop",
]
