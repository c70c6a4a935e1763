from django.urls import path

from . import views

app_name = "providers"

urlpatterns = [
    path("aanbieders/", views.catalogue, name="catalogue"),
    path("aanbieders/product-toevoegen/", views.product_add, name="product_add"),
    path("aanbieders/product/<id:pk>/verwijderen/", views.product_remove, name="product_remove"),
]
