"""Following up an informal carer at risk of overload from the case (issue 12): the form on the
case, scoped and logged, and the work queue that stops flagging the carer afterwards."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases import selectors
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.residents import services
from wijkteam.residents.models import CarerFollowUp
from wijkteam.testing.factories import CaseFactory, MembershipFactory, NetworkMemberFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def kinds(user) -> list[str]:
    return [i.kind for i in selectors.work_queue(user=user)]


def test_the_queue_stops_flagging_a_carer_once_followed_up_and_flags_a_new_assessment():
    case = CaseFactory()
    carer = NetworkMemberFactory(
        household=case.household,
        overloaded=True,
        load_assessed_on=TODAY() - datetime.timedelta(days=10),
    )
    assert "mantelzorger" in kinds(case.coordinator)
    # a follow-up from before the assessment does not count
    services.carer_follow_up_record(
        actor=case.coordinator, member=carer, kind="gesprek",
        done_on=TODAY() - datetime.timedelta(days=20),
    )  # fmt: skip
    assert "mantelzorger" in kinds(case.coordinator)
    services.carer_follow_up_record(
        actor=case.coordinator, member=carer, kind="respijtzorg", done_on=TODAY()
    )
    assert "mantelzorger" not in kinds(case.coordinator)
    page = selectors.case_page(user=case.coordinator, pk=case.pk)
    assert page.carers_at_risk == []
    # assessed again later: flagged again
    carer.load_assessed_on = TODAY() + datetime.timedelta(days=1)
    carer.save()
    assert "mantelzorger" in kinds(case.coordinator)


def test_bad_follow_up_is_refused_and_nothing_is_stored():
    case = CaseFactory()
    light = NetworkMemberFactory(household=case.household, load=1)
    heavy = NetworkMemberFactory(household=case.household, overloaded=True)
    for member, kind, done_on, field in (
        (light, "gesprek", TODAY(), "__all__"),
        (heavy, "koffie", TODAY(), "kind"),
        (heavy, "gesprek", TODAY() + datetime.timedelta(days=2), "done_on"),
        (heavy, "gesprek", None, "done_on"),
    ):
        with pytest.raises(ValidationError) as exc:
            services.carer_follow_up_record(
                actor=case.coordinator, member=member, kind=kind, done_on=done_on
            )
        assert field in exc.value.message_dict
    assert not CarerFollowUp.objects.exists()


def test_the_form_on_the_case_records_once_and_is_scoped(client_for):
    case = CaseFactory()
    carer = NetworkMemberFactory(household=case.household, overloaded=True, name="Anna Zorg")
    detail = client_for(case.coordinator).get(reverse("cases:detail", args=[case.pk]))
    url = reverse("cases:carer_follow_up", args=[case.pk, carer.pk])
    assert url in detail.content.decode()
    client = client_for(case.coordinator)
    assert client.get(url).status_code == 200
    data = {"kind": "mantelzorgondersteuning", "done_on": TODAY().isoformat()}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 400 and "al vastgelegd" in again.content.decode()
    assert CarerFollowUp.objects.count() == 1
    assert AccessLogEntry.objects.filter(
        purpose="opvolging van een mantelzorger vastgelegd"
    ).exists()
    bad = client.post(url, {"kind": "", "done_on": "gisteren"})
    assert bad.status_code == 400
    assert "Kies wat er gedaan is uit de lijst." in bad.content.decode()
    # not on the case: 404, whether another team's member or a carer of another household
    outsider = MembershipFactory().user
    assert client_for(outsider).post(url, data).status_code == 404
    elsewhere = NetworkMemberFactory(overloaded=True)
    other = reverse("cases:carer_follow_up", args=[case.pk, elsewhere.pk])
    assert client.post(other, data).status_code == 404
    assert CarerFollowUp.objects.count() == 1
