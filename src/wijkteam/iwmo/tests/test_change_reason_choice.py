"""The team chooses the WMO002 RedenWijziging when it ends or changes an allocation; the
provider's 301 carries it (default 05, as before)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases.services import intervention as interventions
from wijkteam.iwmo.models import Message
from wijkteam.iwmo.xml import read

from .test_volume_changes import started_days_ago

pytestmark = pytest.mark.django_db


def last_301_reasons() -> list[str]:
    sent = Message.objects.filter(message_type="301").order_by("-pk").first()
    assert sent is not None and sent.status != "mislukt", sent.problems if sent else None
    return [line.change_reason for line in read.read(sent.raw_xml.encode()).lines]


def test_an_end_with_a_chosen_reason(w, folder, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError) as refused:
        interventions.intervention_end(
            actor=w.coordinator,
            intervention=w.intervention,
            ends_on=timezone.localdate(),
            change_reason="13",  # set by the message app itself, never chosen
        )
    assert "change_reason" in refused.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        interventions.intervention_end(
            actor=w.coordinator,
            intervention=w.intervention,
            ends_on=timezone.localdate(),
            change_reason="07",
        )
    assert last_301_reasons() == ["07"]


def test_a_volume_change_with_a_chosen_reason(w, folder, django_capture_on_commit_callbacks):
    started_days_ago(w, 10)
    with django_capture_on_commit_callbacks(execute=True):
        interventions.intervention_scale(
            actor=w.coordinator,
            intervention=w.intervention,
            change="afschalen",
            reason="Andere leveringsvorm",
            new_volume=2,
            change_reason="08",
        )
    assert last_301_reasons() == ["08", ""]


def test_the_default_stays_05(w, folder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        interventions.intervention_end(
            actor=w.coordinator, intervention=w.intervention, ends_on=timezone.localdate()
        )
    assert last_301_reasons() == ["05"]


def test_the_end_page_offers_the_reasons(w, folder, client_for, django_capture_on_commit_callbacks):
    url = reverse("cases:intervention_end", args=[w.case.pk, w.intervention.pk])
    page = client_for(w.coordinator).get(url).content.decode()
    assert "Reden voor de aanbieder" in page and "Verhuizing naar een andere gemeente" in page
    with django_capture_on_commit_callbacks(execute=True):
        done = client_for(w.coordinator).post(
            url, {"ends_on": timezone.localdate().isoformat(), "change_reason": "09"}
        )
    assert done.status_code == 302
    assert last_301_reasons() == ["09"]
    scale = reverse("cases:intervention_scale", args=[w.case.pk, w.intervention.pk])
    assert "Reden voor de aanbieder" in client_for(w.coordinator).get(scale).content.decode()
