from django.urls import path

from . import views

app_name = "iwmo"

urlpatterns = [
    path("berichten/", views.message_log, name="log"),
    path("berichten/<id:pk>/", views.message_detail, name="message"),
    path("casussen/<id:pk>/aanbieders/", views.case_page, name="case"),
    path(
        "casussen/<id:pk>/aanbieders/verzoek/<id:request_pk>/",
        views.request_answer,
        name="request",
    ),
    path("casussen/<id:pk>/aanbieders/specialist/", views.deploy, name="deploy"),
    path(
        "casussen/<id:pk>/aanbieders/specialist/<id:deployment_pk>/stoppen/",
        views.deploy_stop,
        name="deploy_stop",
    ),
    path(
        "casussen/<id:pk>/aanbieders/escalatie/<id:escalation_pk>/",
        views.escalation_answer,
        name="escalation",
    ),
]
