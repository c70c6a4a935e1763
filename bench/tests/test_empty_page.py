"""The reference operation exists only in the benchmark's URL conf."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from wijkteam.conftest import verified_client
from wijkteam.testing.factories import UserFactory


def test_not_in_the_production_urls():
    with pytest.raises(NoReverseMatch):
        reverse("bench_empty")


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="wijkteam.settings.bench_urls")
def test_empty_page_goes_through_the_middleware_stack(client):
    assert reverse("bench_empty") == "/_bench/leeg/"
    anonymous = client.get("/_bench/leeg/")
    assert anonymous.status_code == 302 and "/inloggen/" in anonymous["Location"]
    page = verified_client(UserFactory()).get("/_bench/leeg/")
    assert page.status_code == 200
    assert page.content.endswith(b"<p>1</p>")
    assert "Content-Security-Policy" in page.headers


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="wijkteam.settings.bench_urls")
def test_layout_page_is_the_shared_layout_with_an_empty_body():
    assert reverse("bench_layout") == "/_bench/layout/"
    page = verified_client(UserFactory()).get("/_bench/layout/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.startswith("<!DOCTYPE html>") and 'id="hoofdmenu"' in html
    assert '<main id="inhoud" class="utrecht-page-content wt-main" tabindex="-1">' in html
