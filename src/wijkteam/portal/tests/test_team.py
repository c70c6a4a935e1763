import pytest
from django.utils.html import escape

from wijkteam.cases.models import Plan
from wijkteam.portal.constants import AgreementChoice
from wijkteam.portal.models import PlanAgreement
from wijkteam.testing.factories import CaseFactory, MembershipFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def test_the_team_sees_the_plan_answer_with_its_version(client_for) -> None:  # type: ignore[no-untyped-def]
    case = CaseFactory(plan=True, residents=0)
    resident = ResidentFactory(household=case.household)
    plan = Plan.objects.create(case=case)
    PlanAgreement.objects.create(
        plan=plan,
        plan_version=plan.version,
        resident=resident,
        choice=AgreementChoice.NIET_AKKOORD,
        comment="Ik wil liever zelf koken.",
    )
    coordinator = client_for(case.coordinator)
    case_page = coordinator.get(f"/casussen/{case.pk}/")
    assert f"/casussen/{case.pk}/mijn-wijkteam/" in case_page.content.decode()
    page = coordinator.get(f"/casussen/{case.pk}/mijn-wijkteam/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Ik wil liever zelf koken." in body and escape(resident.full_name) in body
    # One messages section, and a plain title (no markup slipped into <title>).
    assert body.count('id="berichten"') == 1
    title = body.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "Mijn wijkteam" in title
    assert "Casussen" in body and "Caseload" not in body

    outsider = client_for(MembershipFactory().user)
    assert outsider.get(f"/casussen/{case.pk}/mijn-wijkteam/").status_code == 404
