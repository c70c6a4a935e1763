"""Navigation shown in the layout, per role."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from wijkteam.organisation import policies


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return {"nav_items": []}
    items = [(_("Start"), reverse("home:home"))]
    if policies.is_professional(user):
        items += [
            (_("Werkvoorraad"), reverse("cases:queue")),
            (_("Meldingen"), reverse("cases:reports")),
            (_("Casussen"), reverse("cases:list")),
            (_("Inwoners"), reverse("residents:search")),
            (_("Mijn teams"), reverse("organisation:my_teams")),
            (_("Privacy"), reverse("privacy:open_requests")),
        ]
    if policies.can_configure(user):
        items += [
            (_("Inrichting"), reverse("organisation:setup")),
            (_("Accounts"), reverse("accounts:user_list")),
            (_("Verwerkingsregister"), reverse("privacy:register")),
            (_("Bewaartermijnen"), reverse("privacy:retention")),
        ]
    if policies.can_view_published_reports(user):
        items.append((_("Teams in de gemeente"), reverse("organisation:overview")))
    if policies.can_view_aggregate_reports(user):
        items.append((_("Verwerkingsregister"), reverse("privacy:register")))
    current = request.path
    return {
        "nav_items": [
            {
                "label": label,
                "url": url,
                "current": current == url
                or (url != reverse("home:home") and current.startswith(url)),
            }
            for label, url in items
        ]
    }
