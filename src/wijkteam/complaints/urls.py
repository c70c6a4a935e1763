from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("klachten/", views.register_list, name="list"),
    path("klachten/nieuw/", views.complaint_new, name="complaint_new"),
    path("klachten/<id:pk>/", views.complaint_detail, name="complaint"),
    path("klachten/<id:pk>/<slug:action>/", views.complaint_step, name="complaint_step"),
    path("bezwaren/<id:pk>/", views.objection_detail, name="objection"),
    path("bezwaren/<id:pk>/<slug:action>/", views.objection_step, name="objection_step"),
    path("casussen/<id:pk>/bezwaar/nieuw/", views.objection_new, name="objection_new"),
]
