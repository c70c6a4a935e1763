"""Provider performance on a hand-built data set with known answers, ranking and exports."""

import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from wijkteam.accountability.performance import provider_performance
from wijkteam.accountability.selectors import parse_period
from wijkteam.cases.models import Allocation, Decision, Evaluation, Intervention, ScaleEvent
from wijkteam.complaints.models import Complaint
from wijkteam.iwmo.models import AllocationLine, DeliveryEvent, Message
from wijkteam.testing.factories import CaseFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date
URL = "/verantwoording/aanbieders/"


def allocate(
    case,
    provider,
    category,
    *,
    at,
    begins,
    ends,
    volume,
    frequency,
    start=None,
    stop=None,
    reason="02",
    number,
):
    by = case.coordinator
    decision = Decision.objects.create(
        case=case, resident=case.household.members.first(), law="wmo", product_category=category,
        volume=Decimal(volume), unit="04", frequency=frequency, starts_on=begins, ends_on=ends,
        requested_on=begins, motivation="-", created_by=by,
    )  # fmt: skip
    intervention = Intervention.objects.create(
        case=case, kind="maatwerk", description="-", starts_on=begins, ends_on=ends, created_by=by
    )
    allocation = Allocation.objects.create(
        intervention=intervention, decision=decision, provider=provider, product_category=category,
        volume=Decimal(volume), unit="04", frequency=frequency, allocation_number=number,
        allocated_by=by,
    )  # fmt: skip
    Allocation.objects.filter(pk=allocation.pk).update(
        allocated_at=timezone.make_aware(datetime.datetime.combine(at, datetime.time(12)))
    )
    for kind, on in (("start", start), ("stop", stop)):
        if on is not None:
            message = Message.objects.create(
                standard="iwmo", message_type="305" if kind == "start" else "307", direction="in",
                status="verwerkt", message_id=f"{number}-{kind}", sender="1", receiver="2",
                allocation=allocation, raw_xml="<Bericht/>",
            )  # fmt: skip
            DeliveryEvent.objects.create(
                allocation=allocation, kind=kind, on=on, message=message,
                stop_reason=reason if kind == "stop" else "",
            )  # fmt: skip
    return allocation


@pytest.fixture
def providers():
    case = CaseFactory()
    north = OrganisationFactory(aanbieder=True, name="Zorg Noord")
    south = OrganisationFactory(aanbieder=True, name="Hulp Zuid")
    march = {"begins": D(2026, 3, 2), "ends": D(2026, 3, 31), "at": D(2026, 3, 2)}
    allocate(
        case,
        north,
        "02",
        **march,
        volume=4,
        frequency="2",
        start=D(2026, 3, 9),
        stop=D(2026, 3, 31),
        number="A1",
    )
    allocate(
        case,
        north,
        "02",
        **march,
        volume=2,
        frequency="2",
        start=D(2026, 3, 5),
        stop=D(2026, 3, 15),
        reason="24",
        number="A2",
    )
    allocate(
        case,
        north,
        "01",
        at=D(2026, 3, 10),
        begins=D(2026, 3, 10),
        ends=D(2026, 3, 19),
        volume=3,
        frequency="2",
        number="A3",
    )
    b = allocate(
        case,
        south,
        "02",
        at=D(2026, 3, 1),
        begins=D(2026, 3, 1),
        ends=D(2026, 3, 10),
        volume=10,
        frequency="6",
        start=D(2026, 3, 1),
        number="B1",
    )
    ScaleEvent.objects.create(
        intervention=b.intervention, change="opschalen", reason="-", by=case.coordinator
    )
    Allocation.objects.filter(allocation_number__in=["A1", "B1"]).update(
        own_employer=True, own_employer_reason="Enige aanbieder"
    )
    # Evaluations of the case count for each allocation running on the planned day.
    for planned, held in ((D(2026, 3, 5), D(2026, 3, 6)), (D(2026, 3, 20), None),
                          (D(2026, 4, 10), None)):  # fmt: skip
        Evaluation.objects.create(
            case=case, planned_on=planned, held_on=held, outcome="voortzetten" if held else "",
            held_by=case.coordinator if held else None,
        )  # fmt: skip
    for received in (D(2026, 3, 3), D(2026, 3, 20), D(2026, 2, 27)):
        Complaint.objects.create(
            team=case.team, subject="aanbieder", provider=south, channel="professional",
            summary="-", received_on=received, due_on=received + datetime.timedelta(weeks=6),
            filed_by=case.coordinator,
        )  # fmt: skip
    return north, south


def test_known_answers(providers) -> None:
    data = provider_performance(
        user=UserFactory(beleid=True), period=parse_period("maand", "2026-03")
    )
    north_02, north_01 = (
        next(x for x in data.lines if x.provider == "Zorg Noord" and x.category.startswith(c))
        for c in ("02", "01")
    )
    assert (north_02.allocations, north_02.started, north_02.mean_days, north_02.median_days) == (
        2,
        2,
        5.0,
        5.0,
    )
    assert north_02.delivered_share == round((23 + 11) / 60 * 100, 1)
    assert (
        north_02.volumes()
        == f"{round(23 * 4 / 7 + 11 * 2 / 7)} / {round(30 * 4 / 7 + 30 * 2 / 7)} uur"
    )
    assert dict(north_02.early_stops) == {"Cliënt is ontevreden over de ondersteuning": 1}
    assert (north_01.not_started, north_01.delivered_share) == (1, 0.0)
    assert (north_02.evaluations(), north_01.evaluations()) == ("2 / 4", "0 / 0")
    assert (north_02.own_employer, north_01.own_employer) == (1, 0)
    north, south = data.providers
    assert (north.rank, north.provider, north.allocations, north.not_started) == (
        1,
        "Zorg Noord",
        3,
        1,
    )
    assert north.delivered_share == round(34 / 70 * 100, 1) and north.complaints == 0
    assert (south.mean_days, south.delivered_share, south.volumes()) == (0.0, 100.0, "10 / 10 uur")
    assert (south.complaints, south.complaints_per_100, south.scaled_up) == (2, 200.0, 1)
    assert (north.evaluations(), south.evaluations(), south.own_employer) == ("2 / 4", "1 / 1", 1)


def changed(allocation, lines, events) -> None:
    """Give ``allocation`` its toegewezen products after a volume change and the provider's
    305/307 per ToewijzingNummer: ``lines`` (number, begins, ends, volume per week, reason),
    ``events`` (number, kind, on, stop reason)."""
    for sequence, (number, begins, ends, volume, reason) in enumerate(lines, start=1):
        AllocationLine.objects.create(
            allocation=allocation, sequence=sequence, number=number, starts_on=begins,
            ends_on=ends, volume=Decimal(volume), change_reason=reason,
        )  # fmt: skip
    allocation.volume = Decimal(lines[-1][3])
    allocation.save(update_fields=["volume"])
    for number, kind, on, reason in events:
        message = Message.objects.create(
            standard="iwmo", message_type="305" if kind == "start" else "307", direction="in",
            status="verwerkt", message_id=f"{number}-{kind}", sender="1", receiver="2",
            allocation=allocation, raw_xml="<Bericht/>",
        )  # fmt: skip
        DeliveryEvent.objects.create(
            allocation=allocation, allocation_number=number, kind=kind, on=on, message=message,
            stop_reason=reason,
        )  # fmt: skip


def test_a_volume_change_is_one_allocation_with_volumes_per_product() -> None:
    case = CaseFactory()
    west = OrganisationFactory(aanbieder=True, name="Zorg West")
    march = {"begins": D(2026, 3, 2), "ends": D(2026, 3, 31), "at": D(2026, 3, 2)}
    # 1 hour a day, from 16 March 2 a day: delivered 4-15 March (12 days, 12 hours) and
    # 18-25 March (8 days, 16 hours), stopped early on the second product.
    one = allocate(case, west, "02", **march, volume=7, frequency="2", number="V1")
    changed(one, [("V1", D(2026, 3, 2), D(2026, 3, 15), 7, "05"),
                  ("V1-2", D(2026, 3, 16), D(2026, 3, 31), 14, "")],
            [("V1", "start", D(2026, 3, 4), ""), ("V1", "stop", D(2026, 3, 15), "24"),
             ("V1-2", "start", D(2026, 3, 18), ""), ("V1-2", "stop", D(2026, 3, 25), "24")])  # fmt: skip
    # Changed on its first day: product 1 removed (13, never sent; its volume does not count),
    # product 2 of 1 hour a day from 2 March, delivered from 5 March (27 days), no stop.
    two = allocate(case, west, "01", **march, volume=700, frequency="2", number="V2")
    changed(two, [("V2", D(2026, 3, 2), D(2026, 3, 2), 700, "13"),
                  ("V2-2", D(2026, 3, 2), D(2026, 3, 31), 7, "")],
            [("V2-2", "start", D(2026, 3, 5), "")])  # fmt: skip
    # Product 1 (1 a day) stopped on its end, product 2 (2 a day) not started yet: delivery
    # did not stop early (no early stop), 9 of 30 days and 9 of 9 + 42 hours delivered.
    three = allocate(case, west, "01", **march, volume=7, frequency="2", number="V3")
    changed(three, [("V3", D(2026, 3, 2), D(2026, 3, 10), 7, "05"),
                    ("V3-2", D(2026, 3, 11), D(2026, 3, 31), 14, "")],
            [("V3", "start", D(2026, 3, 2), ""), ("V3", "stop", D(2026, 3, 10), "24")])  # fmt: skip

    data = provider_performance(
        user=UserFactory(beleid=True), period=parse_period("maand", "2026-03")
    )
    care, support = (next(x for x in data.lines if x.category.startswith(c)) for c in ("02", "01"))
    assert (care.allocations, care.started, care.days) == (1, 1, [2])
    assert (care.allocated_days, care.delivered_days, care.delivered_share) == (30, 20, 66.7)
    assert care.volumes() == "28 / 46 uur"
    assert dict(care.early_stops) == {"Cliënt is ontevreden over de ondersteuning": 1}
    assert (support.allocations, support.started, sorted(support.days)) == (2, 2, [0, 3])
    assert (support.allocated_days, support.delivered_days) == (60, 36)
    assert support.volumes() == "36 / 81 uur"
    assert support.early_stop_count == 0
    (total,) = data.providers
    assert (total.allocations, total.delivered_share, total.early_stop_count) == (3, 62.2, 1)


@pytest.mark.parametrize(
    ("ranking", "first"),
    [
        ("toewijzingen", "Zorg Noord"),
        ("dagen", "Hulp Zuid"),
        ("geleverd", "Hulp Zuid"),
        ("stops", "Hulp Zuid"),
        ("klachten", "Zorg Noord"),
    ],
)
def test_ranking(providers, ranking: str, first: str) -> None:
    data = provider_performance(
        user=UserFactory(beleid=True), period=parse_period("kwartaal", "2026-03"), ranking=ranking
    )
    assert data.providers[0].provider == first and data.providers[0].rank == 1


def test_page_and_exports(client_for, providers) -> None:
    client = client_for(UserFactory(beleid=True))
    page = client.get(URL, {"periode": "maand", "van": "2026-03"})
    assert page.status_code == 200 and "Zorg Noord" in page.content.decode()
    csv = client.get(URL, {"periode": "maand", "van": "2026-03", "formaat": "csv"}).content.decode(
        "utf-8-sig"
    )
    assert csv.splitlines()[0].startswith("Aanbieder;Productcategorie;Toewijzingen")
    assert "Hulp Zuid;02 Begeleiding;1;1;0;0.0;0.0;100.0" in csv
    xlsx = client.get(URL, {"periode": "maand", "van": "2026-03", "formaat": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Per productcategorie", "Per aanbieder"]
    assert [r[1] for r in book["Per aanbieder"].iter_rows(min_row=2, values_only=True)] == [
        "Zorg Noord",
        "Hulp Zuid",
    ]
    ods = client.get(URL, {"periode": "maand", "van": "2026-03", "formaat": "ods"})
    assert ods["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    content = zipfile.ZipFile(io.BytesIO(ods.content)).read("content.xml").decode()
    assert "Per aanbieder" in content and "Zorg Noord" in content and "Hulp Zuid" in content


def test_refusals(client_for, providers) -> None:
    assert client_for(UserFactory(beleid=True)).get(URL, {"van": "maart"}).status_code == 400
    assert client_for(UserFactory(beleid=True)).get(URL, {"van": "2099-01"}).status_code == 400
    future = client_for(UserFactory(beleid=True)).get(URL, {"van": "2099-01", "formaat": "csv"})
    assert future.status_code == 400 and "toekomst" in future.content.decode()
    empty = client_for(UserFactory(beleid=True)).get(
        URL, {"periode": "maand", "van": "2020-01", "formaat": "xlsx"}
    )
    assert empty.status_code == 400 and "niets te downloaden" in empty.content.decode()
    for user in (UserFactory(wmoraad=True), UserFactory()):
        assert client_for(user).get(URL, {"formaat": "csv"}).status_code == 404
