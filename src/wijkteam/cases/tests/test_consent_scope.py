"""A member of another organisation than the responsible one sees only consented categories."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from wijkteam.cases import selectors
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.models import Consent
from wijkteam.testing.factories import CaseFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_case():
    case = CaseFactory()
    partner = OrganisationFactory(municipality=case.team.municipality, name="Welzijn Partner")
    worker = MembershipFactory(
        team=case.team, organisation=partner, roles=[TeamRole.GENERALIST]
    ).user
    case.involved_members.add(worker)
    return case, partner, worker


def consent(case, organisation, categories):
    for resident in case.household.members.all():
        Consent.objects.create(
            resident=resident,
            organisation=organisation,
            basis="toestemming",
            purpose="Samenwerking",
            categories=categories,
            given_how="mondeling",
            valid_from=timezone.localdate(),
            recorded_by=case.coordinator,
        )


def test_stage_pages_refused_without_consent(client_for, partner_case):
    case, _partner, worker = partner_case
    client = client_for(worker)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "geen toestemming" in page
    assert client.get(reverse("cases:plan_edit", args=[case.pk])).status_code == 403
    assert client.get(f"/api/plans/{case.pk}/").status_code == 403
    with pytest.raises(Exception, match="toestemming"):
        selectors.case_get(user=worker, pk=case.pk, category="plan")


def test_consented_category_is_visible_and_withdrawal_takes_effect_at_once(
    client_for, partner_case
):
    case, partner, worker = partner_case
    consent(case, partner, ["basisgegevens", "plan"])
    client = client_for(worker)
    assert client.get(reverse("cases:plan_edit", args=[case.pk])).status_code == 200
    # No consent for decisions: the list holds nothing of this case.
    assert client.get(f"/api/decisions/?case={case.pk}").json()["results"] == []
    Consent.objects.update(withdrawn_at=timezone.now())
    assert client.get(reverse("cases:plan_edit", args=[case.pk])).status_code == 403


def test_responsible_organisation_sees_everything(client_for):
    case = CaseFactory()
    client = client_for(case.coordinator)
    assert client.get(reverse("cases:plan_edit", args=[case.pk])).status_code == 200


def test_the_refusal_names_the_missing_category_and_who_can_record_it(client_for, partner_case):
    case, _partner, worker = partner_case
    response = client_for(worker).get(reverse("cases:plan_edit", args=[case.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "(Plan, doelen, acties en evaluaties)" in page
    assert "geen toestemming" in page
    assert escape(case.coordinator.display_name) in page
    assert "wettelijke grondslag vastleggen" in page


def test_case_list_tells_same_named_households_apart_only_with_basic_data(client_for, partner_case):
    from wijkteam.organisation.models import Neighbourhood
    from wijkteam.testing.factories import NeighbourhoodFactory

    case, partner, worker = partner_case
    resident = case.household.members.get()
    resident.neighbourhood = NeighbourhoodFactory(name="Oude Haven")
    resident.street, resident.house_number = "Kade", "7"
    resident.save()
    hint = f"Oude Haven · Kade 7 · geboren {resident.date_of_birth.year}"
    assert Neighbourhood.objects.exists()
    coordinator_page = client_for(case.coordinator).get(reverse("cases:list")).content.decode()
    assert hint in coordinator_page
    partner_page = client_for(worker).get(reverse("cases:list")).content.decode()
    assert case.household.name in partner_page and "Oude Haven" not in partner_page
    consent(case, partner, ["basisgegevens"])
    assert hint in client_for(worker).get(reverse("cases:list")).content.decode()
