"""Health endpoints for load balancers: alive (no database) and ready (database, task queue)."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from .errors import RETRY_AFTER_SECONDS


@never_cache
def live(request: HttpRequest) -> JsonResponse:
    """The process answers; says nothing about the database."""
    return JsonResponse({"status": "ok"})


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _task_queue() -> bool:
    engine = getattr(settings, "TASKS_ENGINE", "database")
    if engine == "rq":
        try:
            import django_rq

            return bool(django_rq.get_connection("default").ping())
        except Exception:
            return False
    if engine == "immediate":
        return True
    try:
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()
        return True
    except DatabaseError:
        return False


@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """Ready for traffic when the database and the task queue answer; otherwise 503."""
    checks = {"database": _database(), "tasks": _task_queue()}
    ok = all(checks.values())
    response = JsonResponse(
        {
            "status": "ok" if ok else "unavailable",
            **{k: "ok" if v else "fout" for k, v in checks.items()},
        },
        status=200 if ok else 503,
    )
    if not ok:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
