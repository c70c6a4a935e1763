import datetime

from wijkteam.organisation.models import Neighbourhood
from wijkteam.socialmap import selectors
from wijkteam.socialmap.demo import add_demo_socialmap
from wijkteam.socialmap.hsds.export import export_page
from wijkteam.socialmap.hsds.validation import schema_errors
from wijkteam.socialmap.models import Initiative, InitiativeSupport
from wijkteam.testing.factories import (
    DistrictFactory,
    MembershipFactory,
    MunicipalityFactory,
    TeamFactory,
    UserFactory,
)


def test_the_demo_map_of_gemeente_voorbeeld(db):
    municipality = MunicipalityFactory(name="Gemeente Voorbeeld", cbs_code="GM9999")
    for wijk, hoods in (("WK999901", ("01", "02", "03")), ("WK999902", ("01", "02", "03"))):
        district = DistrictFactory(municipality=municipality, cbs_code=wijk)
        for code in hoods:
            Neighbourhood.objects.create(
                district=district, name=f"B{wijk}{code}", cbs_code=f"BU{wijk[2:]}{code}"
            )
    beheer = UserFactory(username="beheer", beheerder=True)
    anna = MembershipFactory(
        team=TeamFactory(municipality=municipality), user=UserFactory(username="anna")
    ).user
    assert add_demo_socialmap(today=datetime.date(2026, 12, 1)) == 5
    assert Initiative.objects.count() == 3
    assert InitiativeSupport.objects.count() == 2
    noord = selectors.services_in_area(
        user=anna, district=municipality.districts.get(cbs_code="WK999902")
    )
    assert "Voedselpakket" in {s.name for s in noord}
    services = selectors.hsds_services(user=beheer, municipality_id=municipality.pk)
    assert schema_errors(export_page(services)) == []
