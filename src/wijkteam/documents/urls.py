"""URLs of the documents of a case (namespace ``documents``), under the case's own path."""

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("casussen/<int:pk>/documenten/", views.document_list, name="list"),
    path("casussen/<int:pk>/documenten/toevoegen/", views.document_upload, name="upload"),
    path(
        "casussen/<int:pk>/documenten/<int:dpk>/downloaden/",
        views.document_download,
        name="download",
    ),
    path(
        "casussen/<int:pk>/documenten/<int:dpk>/verwijderen/",
        views.document_delete,
        name="delete",
    ),
]
