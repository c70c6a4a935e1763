"""The start page per role."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wijkteam.accounts.http import current_user
from wijkteam.cases import selectors as case_selectors
from wijkteam.organisation import policies, selectors
from wijkteam.organisation.models import Organisation, Team


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context: dict[str, object] = {}
    if policies.can_configure(user):
        template = "home/beheerder.html"
        context["counts"] = {
            "teams": Team.objects.count(),
            "organisations": Organisation.objects.count(),
        }
        context["teams"] = selectors.team_list(user=current_user(request))
    elif policies.is_professional(user):
        template = "home/professional.html"
        context["memberships"] = selectors.my_team_roles(user=current_user(request))
        count, overdue = case_selectors.work_queue_summary(user=current_user(request))
        context["queue_count"] = count
        context["overdue_count"] = overdue
    elif policies.can_view_aggregate_reports(user):
        template = "home/beleid.html"
        context["team_count"] = Team.objects.count()
        context["by_model"] = Team.objects.values("model").annotate(n=Count("id")).order_by("model")
    else:
        template = "home/wmoraad.html"
        context["team_count"] = Team.objects.count()
    return render(request, template, context)
