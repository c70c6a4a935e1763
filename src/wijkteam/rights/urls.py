"""URLs of the privacy screens (namespace ``privacy``), all under ``privacy/``."""

from django.urls import path

from wijkteam.rights.views import access, access_log, consent, emergency, register, requests

app_name = "privacy"

urlpatterns = [
    # Consent and sharing on a legal ground
    path(
        "privacy/inwoners/<id:resident_pk>/toestemmingen/",
        consent.consent_list,
        name="consent_list",
    ),
    path(
        "privacy/inwoners/<id:resident_pk>/toestemmingen/nieuw/",
        consent.consent_create,
        name="consent_create",
    ),
    path(
        "privacy/inwoners/<id:resident_pk>/weigering/nieuw/",
        consent.consent_refuse,
        name="consent_refuse",
    ),
    path(
        "privacy/inwoners/<id:resident_pk>/grondslag/nieuw/",
        consent.legal_ground_create,
        name="legal_ground_create",
    ),
    path(
        "privacy/toestemmingen/<id:pk>/intrekken/",
        consent.consent_withdraw,
        name="consent_withdraw",
    ),
    # Emergency access (doorbraak)
    path("privacy/doorbraak/", emergency.emergency_open, name="emergency_open"),
    path("privacy/doorbraken/", emergency.emergency_queue, name="emergency_queue"),
    path(
        "privacy/doorbraken/<id:pk>/beoordelen/",
        emergency.emergency_review,
        name="emergency_review",
    ),
    # The resident's access overview
    path(
        "privacy/inwoners/<id:resident_pk>/toegang/",
        access.access_overview,
        name="access_overview",
    ),
    path(
        "privacy/inwoners/<id:resident_pk>/toegang/export.csv",
        access.access_overview_export,
        {"fmt": "csv"},
        name="access_overview_csv",
    ),
    path(
        "privacy/inwoners/<id:resident_pk>/toegang/export.pdf",
        access.access_overview_export,
        {"fmt": "pdf"},
        name="access_overview_pdf",
    ),
    # The log-wide access-log overview (NEN 7513 control, functioneel beheerder)
    path("privacy/toegangslog/", access_log.access_log, name="access_log"),
    path("privacy/toegangslog/export.csv", access_log.access_log_export, name="access_log_csv"),
    # Inzage (AVG art. 15) and correction (art. 16)
    path("privacy/verzoeken/", requests.open_requests, name="open_requests"),
    path(
        "privacy/inwoners/<id:resident_pk>/verzoeken/",
        requests.requests_for_resident,
        name="requests",
    ),
    path(
        "privacy/inwoners/<id:resident_pk>/inzage/nieuw/",
        requests.inzage_create,
        name="inzage_create",
    ),
    path("privacy/inzage/<id:pk>/", requests.inzage_detail, name="inzage_detail"),
    path(
        "privacy/inzage/<id:pk>/export.json",
        requests.inzage_download,
        {"fmt": "json"},
        name="inzage_json",
    ),
    path(
        "privacy/inzage/<id:pk>/export.pdf",
        requests.inzage_download,
        {"fmt": "pdf"},
        name="inzage_pdf",
    ),
    path("privacy/inzage/<id:pk>/verlengen/", requests.inzage_extend, name="inzage_extend"),
    path("privacy/inzage/<id:pk>/afhandelen/", requests.inzage_complete, name="inzage_complete"),
    path(
        "privacy/inwoners/<id:resident_pk>/correctie/nieuw/",
        requests.correction_create,
        name="correction_create",
    ),
    path(
        "privacy/correctie/<id:pk>/besluit/",
        requests.correction_decide,
        name="correction_decide",
    ),
    # Register of processing (AVG art. 30) and retention
    path("privacy/verwerkingsregister/", register.processing_register, name="register"),
    path(
        "privacy/verwerkingsregister.json",
        register.processing_register_download,
        {"fmt": "json"},
        name="register_json",
    ),
    path(
        "privacy/verwerkingsregister.csv",
        register.processing_register_download,
        {"fmt": "csv"},
        name="register_csv",
    ),
    path("privacy/bewaartermijnen/", register.retention_overview, name="retention"),
    path(
        "privacy/bewaartermijnen/proefdraai/<id:pk>/akkoord/",
        register.retention_review_confirm,
        name="retention_review_confirm",
    ),
    path(
        "privacy/bewaartermijnen/<id:pk>/wijzigen/",
        register.retention_rule_edit,
        name="retention_rule_edit",
    ),
]
