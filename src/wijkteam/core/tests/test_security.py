import pytest
from django.urls import reverse

from wijkteam.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_security_headers_on_login_page(client):
    response = client.get(reverse("accounts:login"))
    assert response["Cache-Control"] == "no-store"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Request-ID"]


def test_pages_with_personal_data_are_not_stored(client_for):
    response = client_for(UserFactory()).get(reverse("home:home"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_unknown_page_is_a_dutch_404(client_for):
    response = client_for(UserFactory()).get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()


def test_language_switch_to_english(client_for):
    client = client_for(UserFactory())
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home:home")).content.decode()
    assert 'lang="en"' in page


def test_deploy_check_is_clean_with_production_settings(monkeypatch):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[4]
    env = {
        "DJANGO_SETTINGS_MODULE": "wijkteam.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60 + "production-like-secret-for-the-check",
        "DJANGO_ALLOWED_HOSTS": "wijkteam.example.nl",
        "WIJKTEAM_ACCESS_LOG_KEYS": "deploy:" + "5e" * 32,
        # uploads scanned by clamd (core.W001 otherwise); the check never connects to it
        "WIJKTEAM_VIRUS_SCAN": "clamd",
        "WIJKTEAM_CLAMD_ADDRESS": "127.0.0.1:3310",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(root / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    env["WIJKTEAM_VIRUS_SCAN"] = "none"
    without = subprocess.run(  # noqa: S603
        [sys.executable, str(root / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
    )
    assert without.returncode != 0 and "core.W001" in without.stdout + without.stderr
