from django.urls import path

from . import views

app_name = "iwmo"

urlpatterns = [
    path("berichten/", views.message_log, name="log"),
    path("berichten/<int:pk>/", views.message_detail, name="message"),
    path("casussen/<int:pk>/aanbieders/", views.case_page, name="case"),
    path(
        "casussen/<int:pk>/aanbieders/verzoek/<int:request_pk>/",
        views.request_answer,
        name="request",
    ),
    path("casussen/<int:pk>/aanbieders/specialist/", views.deploy, name="deploy"),
    path(
        "casussen/<int:pk>/aanbieders/specialist/<int:deployment_pk>/stoppen/",
        views.deploy_stop,
        name="deploy_stop",
    ),
    path(
        "casussen/<int:pk>/aanbieders/escalatie/<int:escalation_pk>/",
        views.escalation_answer,
        name="escalation",
    ),
]
