"""The resident's screens: start, ask for help, my case and plan, consent, who looked."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wijkteam.core import keyset
from wijkteam.rights.pdf import access_overview_pdf

from .. import selectors
from ..forms import AskForm, PlanAnswerForm
from ..services.consent import portal_consent_give, portal_consent_withdraw
from ..services.plan import plan_answer
from ..services.reports import NewResident, portal_report_create
from ..survey import open_invitations
from .common import portal_page, portal_user_of, resident_or_none

RECEIPT_KEY = "portal_receipt"


@portal_page()
def home(request: HttpRequest) -> HttpResponse:
    portal_user = portal_user_of(request)
    resident = resident_or_none(request)
    cases = (
        selectors.my_cases(portal_user=portal_user, resident=resident)
        if resident is not None and portal_user.substantial
        else []
    )
    invitations = (
        open_invitations(resident) if resident is not None and portal_user.substantial else []
    )
    return render(
        request,
        "portal/home.html",
        {
            "title": _("Mijn wijkteam"),
            "resident": resident,
            "cases": cases,
            "portal_user": portal_user,
            "invitations": invitations,
        },
    )


@portal_page()
def ask(request: HttpRequest) -> HttpResponse:
    portal_user = portal_user_of(request)
    known = portal_user.subject_id is not None
    form = AskForm(request.POST or None, known=known)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_resident = (
            None
            if known
            else NewResident(
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
                neighbourhood=data["neighbourhood"],
            )
        )
        try:
            receipt = portal_report_create(
                portal_user=portal_user,
                question=data["question"],
                domains=[d.code for d in data["domains"]],
                contact_preference=data["contact_preference"],
                contact_value=data.get("contact_value", ""),
                new_resident=new_resident,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            if not known:
                from .. import identity

                identity.set_resident(request, receipt.report.resident_id)
            request.session[RECEIPT_KEY] = {
                "team": receipt.team.name,
                "answer_by": receipt.answer_by.isoformat(),
            }
            return redirect("portal:ask_done")
    return render(
        request, "portal/ask.html", {"title": _("Hulp vragen"), "form": form, "known": known}
    )


@portal_page()
def ask_done(request: HttpRequest) -> HttpResponse:
    import datetime

    receipt = request.session.get(RECEIPT_KEY)
    if not receipt:
        return redirect("portal:home")
    return render(
        request,
        "portal/ask_done.html",
        {
            "title": _("Wij hebben uw vraag ontvangen"),
            "team": receipt["team"],
            "answer_by": datetime.date.fromisoformat(receipt["answer_by"]),
        },
    )


@portal_page(substantial=True)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    portal_user = portal_user_of(request)
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    page = selectors.my_plan(portal_user=portal_user, resident=resident, case_pk=pk)
    form = None
    if page.plan is not None:
        form = PlanAnswerForm(request.POST or None, initial={"seen_version": page.plan.version})
        if request.method == "POST" and form.is_valid():
            try:
                plan_answer(
                    portal_user=portal_user,
                    resident=resident,
                    plan=page.plan,
                    seen_version=form.cleaned_data["seen_version"],
                    choice=form.cleaned_data["choice"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for name, errors in exc.message_dict.items():
                        form.add_error(name if name in form.fields else None, errors)
                else:
                    form.add_error(None, exc.messages)
            else:
                return redirect("portal:case", pk=pk)
    return render(
        request,
        "portal/case.html",
        {"title": _("Mijn hulpvraag"), "page": page, "form": form, "resident": resident},
    )


@portal_page(substantial=True)
def consents(request: HttpRequest) -> HttpResponse:
    portal_user = portal_user_of(request)
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    error = ""
    if request.method == "POST":
        try:
            pk = int(request.POST.get("consent", ""))
        except ValueError:
            error = _("Kies een toestemming.")
        else:
            try:
                if request.POST.get("do") == "geven":
                    portal_consent_give(portal_user=portal_user, resident=resident, consent_pk=pk)
                else:
                    portal_consent_withdraw(
                        portal_user=portal_user, resident=resident, consent_pk=pk
                    )
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                return redirect("portal:consents")
    items = selectors.my_consents(portal_user=portal_user, resident=resident)
    refusals = selectors.my_refusals(portal_user=portal_user, resident=resident)
    return render(
        request,
        "portal/consents.html",
        {"title": _("Mijn toestemmingen"), "consents": items, "refusals": refusals, "error": error},
        status=400 if error else 200,
    )


@portal_page(substantial=True)
def access(request: HttpRequest) -> HttpResponse:
    portal_user = portal_user_of(request)
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    title = _("Wie keek in mijn dossier")
    try:
        position = keyset.cursor_from_query(request.GET, salt=selectors.my_access_salt(resident.pk))
    except keyset.BadCursor:
        return render(
            request,
            "portal/access.html",
            {
                "title": title,
                "rows": None,
                "cursor_error": _(
                    "Deze link naar een andere bladzijde klopt niet. Begin opnieuw bovenaan."
                ),
            },
            status=400,
        )
    page = selectors.my_access_page(portal_user=portal_user, resident=resident, position=position)
    links = {
        name: "?" + urlencode({direction: token})
        for name, direction, token in (
            ("next_url", keyset.NEXT, page.next_token),
            ("previous_url", keyset.PREVIOUS, page.previous_token),
        )
        if token is not None
    }
    return render(
        request,
        "portal/access.html",
        {"title": title, "rows": page.object_list, "page": page, **links},
    )


@portal_page(substantial=True)
def access_pdf(request: HttpRequest) -> HttpResponse:
    portal_user = portal_user_of(request)
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    rows = selectors.my_access_overview(portal_user=portal_user, resident=resident, export=True)
    pdf = access_overview_pdf(
        resident_name=resident.full_name, rows=reversed(rows), date_from=None, date_to=None
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="wie-keek-in-mijn-dossier.pdf"'
    return response
