from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notificaties/", views.notification_list, name="list"),
    path("notificaties/voorkeuren/", views.preferences, name="preferences"),
    path("notificaties/alles-gelezen/", views.notification_read_all, name="read_all"),
    path("notificaties/<id:pk>/", views.notification_open, name="open"),
    path("notificaties/<id:pk>/gelezen/", views.notification_read, name="read"),
]
