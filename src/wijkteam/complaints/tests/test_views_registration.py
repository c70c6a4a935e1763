"""Registering a klacht at city scale (the case by its number, in scope; the providers of every
municipality handled) and the lifecycle pages in words: the legal term of the record and of
each step, and the history as steps with who and when."""

import datetime
import re

import pytest

from wijkteam.cases.tests.test_decision_fixtures import World
from wijkteam.complaints.models import Complaint, Objection
from wijkteam.privacy.models import AccessLogEntry

from .test_views import (
    field_errors,
    iso,
    known_decision,
    register_complaint,
    register_objection,
    step,
    today,
)

pytestmark = pytest.mark.django_db


def test_the_case_is_named_by_its_number(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.leader)
    form = client.get("/klachten/nieuw/").content.decode()
    assert 'type="number" name="case"' in form and '<select name="case"' not in form
    assert register_complaint(client, world).status_code == 302
    assert Complaint.objects.get().case_id == world.case.pk


@pytest.mark.parametrize("where", ["other team", "no such case"])
def test_a_case_outside_the_users_teams_is_refused_at_the_field(  # type: ignore[no-untyped-def]
    world: World, client_for, where: str
) -> None:
    from wijkteam.testing.factories import CaseFactory

    number = CaseFactory().pk if where == "other team" else 987654
    response = register_complaint(client_for(world.leader), world, case=number)
    assert response.status_code == 400
    assert field_errors(response, "case") == [
        f"Casus {number} is geen casus van uw teams. Controleer het nummer."
    ]
    assert not Complaint.objects.exists()
    refused = AccessLogEntry.objects.filter(user=world.leader, action="refused")
    assert [e.purpose for e in refused] == [f"geweigerd: casus {number} buiten bereik"]


def test_a_case_number_is_digits(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = register_complaint(client_for(world.leader), world, case="12a")
    assert response.status_code == 400
    assert field_errors(response, "case") == ["Een casusnummer bestaat uit cijfers."]
    assert not Complaint.objects.exists()


def test_providers_of_every_municipality_the_user_handles(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from wijkteam.organisation.constants import OrganisationKind, TeamRole
    from wijkteam.testing.factories import (
        MembershipFactory,
        MunicipalityFactory,
        OrganisationFactory,
        TeamFactory,
    )

    other = MunicipalityFactory(name="Gemeente Elders", cbs_code="GM0777")
    second = TeamFactory(municipality=other, name="Wijkteam Elders")
    MembershipFactory(team=second, user=world.leader, roles=[TeamRole.TEAMLEIDER])
    here = OrganisationFactory(municipality=world.team.municipality, name="Zorg Hier")
    there = OrganisationFactory(municipality=other, name="Zorg Elders")
    OrganisationFactory(municipality=other, name="Gemeente Elders", kind=OrganisationKind.GEMEENTE)
    elsewhere = OrganisationFactory(
        municipality=MunicipalityFactory(name="Gemeente Ver", cbs_code="GM0888"), name="Zorg Ver"
    )
    client = client_for(world.leader)
    offered = set(client.get("/klachten/nieuw/").context["form"].fields["provider"].queryset)
    assert {here, there} <= offered
    assert elsewhere not in offered
    assert not [o for o in offered if o.kind == OrganisationKind.GEMEENTE]
    response = register_complaint(
        client, world, team=second.pk, case="", subject="aanbieder", provider=there.pk
    )
    assert response.status_code == 302
    assert Complaint.objects.get().provider == there
    # A provider of another municipality than the chosen team's: refused at the field.
    refused = register_complaint(
        client, world, team=second.pk, case="", subject="aanbieder", provider=here.pk
    )
    assert refused.status_code == 400
    assert field_errors(refused, "provider") == [
        "Deze organisatie is geen aanbieder in deze gemeente."
    ]
    assert Complaint.objects.count() == 1


def history_table(page: str) -> list[list[str]]:
    """The rows of the page's history table (who, step, date or note; the time left out)."""
    table = page.split('id="geschiedenis"', 1)[1]
    rows = re.findall(r'<tr class="utrecht-table__row">\s*(.*?)</tr>', table, re.S)
    cells = [re.findall(r'<td class="utrecht-table__cell">(.*?)</td>', row, re.S) for row in rows]
    return [row[1:] for row in cells if row]


def test_a_klacht_shows_its_terms_in_words_and_each_step_in_its_history(  # type: ignore[no-untyped-def]
    world: World, client_for
) -> None:
    client = client_for(world.leader)
    path = register_complaint(client, world, committee="on")["Location"]
    page = client.get(path).content.decode()
    assert "Afhandelen binnen 10 weken na ontvangst (Awb 9:11 lid 1)." in page
    assert "Verdagen kan één keer met ten hoogste 4 weken (Awb 9:11 lid 2)." in page
    for words in ("(Awb 9:6)", "(Awb 9:10)", "ten hoogste 4 weken. Bericht", "(Awb 9:12)"):
        assert words in page
    day = f"{today():%d-%m-%Y}"
    step(client, path, "ontvangst", 1, acknowledged_on=iso(today()))
    step(client, path, "verdagen", 2, weeks=3, reason="Drukte", notified_on=iso(today()))
    step(client, path, "horen", 3, waived_reason="Klager wil niet gehoord worden")
    step(
        client,
        path,
        "afhandelen",
        4,
        outcome="gegrond",
        conclusion="Excuses.",
        closed_on=iso(today()),
    )
    complaint = Complaint.objects.get()
    page = client.get(path).content.decode()
    assert "Afhandelen binnen 10 weken na ontvangst (Awb 9:11 lid 1). Verdaagd met 3 weken." in page
    who = world.leader.display_name
    assert history_table(page) == [
        [
            who,
            "Geregistreerd",
            f"termijn tot {complaint.due_on - datetime.timedelta(weeks=3):%d-%m-%Y}",
        ],
        [who, "Ontvangst bevestigd", day],
        [who, "Verdaagd met 3 weken", f"nieuwe termijn tot {complaint.due_on:%d-%m-%Y}"],
        [who, "Niet gehoord (reden vastgelegd)", ""],
        [who, "Afgehandeld: Gegrond", day],
    ]


def test_a_bezwaar_shows_its_terms_in_words_and_each_step_in_its_history(  # type: ignore[no-untyped-def]
    world: World, client_for
) -> None:
    client = client_for(world.leader)
    path = register_objection(client, world, known_decision(world), committee="on")["Location"]
    page = client.get(path).content.decode()
    assert "Beslissen binnen 12 weken na het einde van de bezwaartermijn (Awb 7:10 lid 1)." in page
    assert "Verdagen kan één keer met ten hoogste 6 weken (Awb 7:10 lid 3)." in page
    for words in ("(Awb 7:2)", "ten hoogste 6 weken. Bericht", "(Awb 6:21)"):
        assert words in page
    day = f"{today():%d-%m-%Y}"
    step(client, path, "horen", 1, heard_on=iso(today()))
    step(client, path, "verdagen", 2, weeks=6, reason="Advies")
    step(
        client,
        path,
        "beslissen",
        3,
        outcome="ongegrond",
        motivation="Blijft.",
        decided_on=iso(today()),
    )
    objection = Objection.objects.get()
    page = client.get(path).content.decode()
    assert "Verdaagd met 6 weken." in page
    who = world.leader.display_name
    rows = history_table(page)
    assert [r[:2] for r in rows] == [
        [who, "Geregistreerd"],
        [who, "Gehoord"],
        [who, "Verdaagd met 6 weken"],
        [who, "Beslist: Ongegrond"],
    ]
    assert rows[1][2] == rows[3][2] == day
    assert rows[2][2] == f"nieuwe termijn tot {objection.term.due_on:%d-%m-%Y}"
