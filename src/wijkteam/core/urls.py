from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
]
