"""The catalogue screens for the functioneel beheerder: list, add a product, remove one."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkteam.core.forms_flow import form_page

from . import selectors, services
from .forms import ContractedProductForm
from .models import ContractedProduct
from .policies import may_maintain_catalogue

View = Callable[..., HttpResponse]


def maintainer_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_maintain_catalogue(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@maintainer_required
def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "providers/catalogue.html", {"providers": selectors.catalogue()})


@require_http_methods(["GET", "POST"])
@maintainer_required
def product_add(request: HttpRequest) -> HttpResponse:
    form = ContractedProductForm(request.POST or None)

    def save(f: Any) -> ContractedProduct:
        data = f.cleaned_data
        return services.contracted_product_add(
            actor=request.user,  # type: ignore[arg-type]
            provider=data["provider"],
            product_category=data["product_category"],
            product_code=data["product_code"],
            description=data["description"],
        )

    return form_page(
        request,
        form=form,
        save=save,
        success_url=lambda _p: reverse("providers:catalogue"),
        template="providers/product_form.html",
        success_message=_("Het product is aan het contract toegevoegd."),
    )


@require_POST
@maintainer_required
def product_remove(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(ContractedProduct, pk=pk)
    services.contracted_product_remove(actor=request.user, product=product)  # type: ignore[arg-type]
    messages.success(request, _("Het product is uit het contract gehaald."))
    return redirect("providers:catalogue")
