"""URLs of the team design and the area analysis (namespace ``area``)."""

from django.urls import path

from .views import area, design, plan

app_name = "area"

urlpatterns = [
    path("teamontwerp/", design.design_list, name="designs"),
    path("teamontwerp/<id:pk>/", design.design_detail, name="design"),
    path("teamontwerp/<id:pk>/bouwsteen/<slug:block>/", design.block_edit, name="block"),
    path("teamontwerp/<id:pk>/vraag/<id:question>/", design.answer_history, name="answer_history"),
    path("teamontwerp/<id:pk>/inrichting/", design.apply_to_team, name="apply"),
    path("teamontwerp/<id:pk>/startdocument/", design.startdocument, name="startdocument"),
    path("teamontwerp/<id:pk>/ontwikkelplan/", plan.plan, name="plan"),
    path("teamontwerp/<id:pk>/ontwikkelplan/document/", plan.plan_document, name="plan_document"),
    path(
        "teamontwerp/<id:pk>/ontwikkelplan/doel/<id:goal>/actie/",
        plan.action_add,
        name="action_add",
    ),
    path(
        "teamontwerp/<id:pk>/ontwikkelplan/actie/<id:action>/status/",
        plan.action_status,
        name="action_status",
    ),
    path("beheer/bouwstenen/", design.question_list, name="questions"),
    path("beheer/bouwstenen/nieuw/", design.question_edit, name="question_new"),
    path("beheer/bouwstenen/<id:pk>/", design.question_edit, name="question_edit"),
    path("gebieden/", area.area_list, name="areas"),
    path("gebieden/wijk/<id:pk>/", area.district_detail, name="district"),
    path("gebieden/buurt/<id:pk>/", area.neighbourhood_detail, name="neighbourhood"),
    path("beheer/cbs/", area.cbs_upload, name="cbs_upload"),
]
