"""The register of processing (AVG art. 30) and the retention rules with what was destroyed."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkteam.accounts.http import current_user
from wijkteam.accounts.models import User
from wijkteam.core.csv_export import csv_response
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.rights import register, selectors, selectors_retention, services
from wijkteam.rights.forms import RetentionRuleForm
from wijkteam.rights.models import RetentionRule
from wijkteam.rights.policies import may_manage_retention, may_view_register
from wijkteam.rights.services import retention_review
from wijkteam.rights.views.common import _form_page


def _register_user(request: HttpRequest) -> User:
    user = current_user(request)
    if not may_view_register(user):
        raise PermissionDenied
    return user


def processing_register(request: HttpRequest) -> HttpResponse:
    _register_user(request)
    return render(request, "privacy/register.html", {"registers": register.build_register()})


def processing_register_download(request: HttpRequest, fmt: str) -> HttpResponse:
    _register_user(request)
    registers = register.build_register()
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        return csv_response(
            register.register_rows(registers),
            header=register.CSV_HEADER,
            filename=f"verwerkingsregister-{stamp}.csv",
        )
    response = HttpResponse(
        json.dumps(register.register_json(registers), ensure_ascii=False, indent=2),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="verwerkingsregister-{stamp}.json"'
    return response


def retention_overview(request: HttpRequest) -> HttpResponse:
    user = _register_user(request)
    number = request.GET.get("pagina", "1")
    return render(
        request,
        "privacy/retention.html",
        {
            "rules": selectors.retention_rules(user=user),
            "page": selectors.destruction_records(
                user=user, page=int(number) if number.isdigit() else 1
            ),
            "can_edit": may_manage_retention(user),
            "review": selectors_retention.retention_review_latest(user=user)
            if may_manage_retention(user)
            else None,
        },
    )


@require_POST
def retention_review_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    if not may_manage_retention(user):
        raise PermissionDenied
    try:
        retention_review.retention_review_confirm(actor=user, review_id=pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "Akkoord vastgelegd. De vernietiging draait nu op de achtergrond; de uitkomst "
                "staat hieronder en bij Geplande taken."
            ),
        )
    return redirect("privacy:retention")


@require_http_methods(["GET", "POST"])
def retention_rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    if not may_manage_retention(user):
        raise PermissionDenied
    rule = RetentionRule.objects.filter(pk=pk).first()
    if rule is None:
        raise Http404
    form = RetentionRuleForm(
        request.POST or None,
        initial={"years": rule.years, "source": rule.source, "to_confirm": rule.to_confirm},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_rule_update(actor=user, rule=rule, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De bewaartermijn is opgeslagen."))
            return redirect("privacy:retention")
    return _form_page(
        request,
        form,
        {
            "title": _("Bewaartermijn: %s") % rule.get_kind_display(),
            "intro": _("Termijn loopt %s.") % rule.starts,
            "cancel_url": reverse("privacy:retention"),
            "submit": _("Opslaan"),
        },
    )
