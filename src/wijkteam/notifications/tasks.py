"""Background tasks of notifications (django-tasks API; the code moves to django.tasks later)."""

from django_tasks import task

from . import mail


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    return mail.send_immediate(notification_ids)
