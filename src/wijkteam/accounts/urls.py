from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/verificatie/", views.verify_view, name="verify"),
    path("inloggen/tweede-factor/", views.enrol_view, name="enrol"),
    path("uitloggen/", views.logout_view, name="logout"),
]

from . import views_admin  # noqa: E402

urlpatterns += [
    path("beheer/accounts/", views_admin.user_list, name="user_list"),
    path("beheer/accounts/nieuw/", views_admin.user_create, name="user_create"),
    path("beheer/accounts/<id:pk>/", views_admin.user_edit, name="user_edit"),
    path("beheer/blokkades/", views_admin.lockout_list, name="lockout_list"),
]
