"""Team design pages: the list, starting a design, the overview with progress per block, a
block of questions, an answer's history, applying set-up answers to the team, the
startdocument (HTML and PDF) and the beheerder's question bank."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.accounts.models import User
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.core.pdf import CONTENT_TYPE, render_pdf
from wijkteam.organisation.models import Municipality

from .. import policies
from ..constants import Block
from ..forms import ApplyForm, BlockForm, LinkForm, QuestionForm, StartForm
from ..models import Question
from ..selectors import design as selectors
from ..selectors import figures as figure_selectors
from ..services import design as services


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not policies.may_use_designs(user):
        raise Http404
    return user


@require_http_methods(["GET", "POST"])
def design_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    teams = selectors.startable_teams(user=user)
    planned = policies.may_edit_questions(user)
    form = StartForm(request.POST or None, teams=teams, planned=planned)
    if request.method == "POST":
        if not (planned or teams.exists()):
            raise PermissionDenied
        if form.is_valid():
            team = form.cleaned_data.get("team")
            try:
                design = services.design_start(
                    actor=user,
                    team=team,
                    municipality=Municipality.objects.order_by("pk").first(),
                    planned_name=form.cleaned_data.get("planned_name", ""),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Het teamontwerp is gestart."))
                return redirect("area:design", pk=design.pk)
    return render(
        request,
        "area/design_list.html",
        {
            "designs": selectors.design_list(user=user),
            "form": form,
            "may_start": planned or teams.exists(),
            "may_edit_questions": planned,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def design_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    design = selectors.design_get(user=user, pk=pk)
    link_form = None
    if design.team_id is None and policies.may_edit_questions(user):
        teams = selectors.startable_teams(user=user).filter(municipality=design.municipality)
        link_form = LinkForm(request.POST or None, teams=teams)
        if request.method == "POST" and link_form.is_valid():
            try:
                services.design_link_team(
                    actor=user, design=design, team=link_form.cleaned_data["team"]
                )
            except ValidationError as exc:
                add_service_errors(link_form, exc)
            else:
                messages.success(request, _("Het ontwerp hoort nu bij het team."))
                return redirect("area:design", pk=design.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "area/design_detail.html",
        {
            "design": design,
            "blocks": selectors.questionnaire(design=design),
            "differences": selectors.differences(design=design),
            "analysis": figure_selectors.design_analysis(design=design),
            "may_edit": policies.may_edit_design(user, design),
            "may_apply": policies.may_apply_to_team(user, design),
            "may_view_areas": policies.may_view_areas(user),
            "link_form": link_form,
        },
        status=400 if link_form is not None and link_form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def block_edit(request: HttpRequest, pk: int, block: str) -> HttpResponse:
    user = _user(request)
    design = selectors.design_get(user=user, pk=pk)
    if block not in Block.values:
        raise Http404
    if not policies.may_edit_design(user, design):
        raise PermissionDenied(_("Alleen de teamleider of de functioneel beheerder vult dit in."))
    view = selectors.questionnaire(design=design, block=block)[0]
    form = BlockForm(request.POST or None, questions=view.questions)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.answers_save(actor=user, design=design, values=form.values())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(n)s antwoorden opgeslagen in bouwsteen %(block)s.")
                % {"n": len(saved), "block": view.label},
            )
            return redirect("area:design", pk=design.pk)
    return render(
        request,
        "area/block_form.html",
        {"design": design, "block": view, "form": form},
        status=400 if form.errors else 200,
    )


def answer_history(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    user = _user(request)
    design = selectors.design_get(user=user, pk=pk)
    q, versions = selectors.answer_history(design=design, question_pk=question)
    return render(
        request,
        "area/answer_history.html",
        {"design": design, "question": q, "versions": versions},
    )


@require_http_methods(["GET", "POST"])
def apply_to_team(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    design = selectors.design_get(user=user, pk=pk)
    if not policies.may_apply_to_team(user, design) or design.team is None:
        raise PermissionDenied(_("Alleen de functioneel beheerder wijzigt de inrichting."))
    form = ApplyForm(request.POST or None, initial={"expected_version": design.team.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.design_apply_to_team(
                actor=user, design=design, expected_version=form.cleaned_data["expected_version"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De inrichting van het team is bijgewerkt."))
            return redirect("area:design", pk=design.pk)
    return render(
        request,
        "area/apply.html",
        {"design": design, "differences": selectors.differences(design=design), "form": form},
        status=400 if form.errors else 200,
    )


def startdocument(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    design = selectors.design_get(user=user, pk=pk)
    context = {
        "design": design,
        "blocks": selectors.questionnaire(design=design),
        "analysis": figure_selectors.design_analysis(design=design),
        "goals": list(design.goals.prefetch_related("actions")),
        "today": timezone.localdate(),
    }
    if request.GET.get("formaat") == "pdf":
        response = HttpResponse(
            render_pdf("area/pdf/startdocument.html", context), content_type=CONTENT_TYPE
        )
        name = slugify(design.title) or "team"
        response["Content-Disposition"] = f'attachment; filename="startdocument-{name}.pdf"'
        return response
    return render(request, "area/startdocument.html", context)


def question_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not policies.may_edit_questions(user):
        raise PermissionDenied(_("Alleen voor de functioneel beheerder."))
    questions = Question.objects.all()
    grouped = [(label, [q for q in questions if q.block == b]) for b, label in Block.choices]
    return render(request, "area/question_list.html", {"grouped": grouped})


@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    if not policies.may_edit_questions(user):
        raise PermissionDenied(_("Alleen voor de functioneel beheerder."))
    question = get_object_or_404(Question, pk=pk) if pk is not None else Question()
    initial = {
        "block": question.block or Block.OPGAVE,
        "topic": question.topic,
        "text": question.text,
        "help_text": question.help_text,
        "kind": question.kind or "tekst",
        "options": "\n".join(question.options),
        "order": question.order,
        "active": question.active,
    }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_save(
                actor=user,
                question=question,
                block=data["block"],
                topic=data["topic"],
                text=data["text"],
                help_text=data["help_text"],
                kind=data["kind"],
                options=data["options"].splitlines(),
                order=data["order"],
                active=data["active"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vraag is opgeslagen."))
            return redirect("area:questions")
    return render(
        request,
        "area/question_form.html",
        {"question": question, "form": form},
        status=400 if form.errors else 200,
    )
