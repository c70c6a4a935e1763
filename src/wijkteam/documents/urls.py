"""URLs of the documents of a case (namespace ``documents``), under the case's own path."""

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("casussen/<id:pk>/documenten/", views.document_list, name="list"),
    path("casussen/<id:pk>/documenten/toevoegen/", views.document_upload, name="upload"),
    path(
        "casussen/<id:pk>/documenten/<id:dpk>/downloaden/",
        views.document_download,
        name="download",
    ),
    path(
        "casussen/<id:pk>/documenten/<id:dpk>/verwijderen/",
        views.document_delete,
        name="delete",
    ),
]
