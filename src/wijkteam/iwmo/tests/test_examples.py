"""The example messages in ``docs/examples/iwmo/`` are what the builders write: this test
compares them and, with ``IWMO_WRITE_EXAMPLES=1``, writes them anew. Fictional data only (BSN
111222333, gemeentecode 9999, AGB code 12345678)."""

import datetime
import os
from decimal import Decimal
from pathlib import Path

import pytest

from wijkteam.iwmo.constants import BERICHTCODE
from wijkteam.iwmo.xml import checks, read
from wijkteam.iwmo.xml.build import build
from wijkteam.iwmo.xml.plan import retour_plan
from wijkteam.iwmo.xml.types import (
    Address,
    Answer,
    ClientData,
    Finding,
    Header,
    Message,
    ProductLine,
    Relation,
    Retour,
)

FOLDER = Path(__file__).resolve().parents[4] / "docs" / "examples" / "iwmo"
DAY = datetime.date(2026, 12, 7)
MUNICIPALITY, PROVIDER = "9999", "12345678"
CLIENT = ClientData(
    bsn="111222333",
    birth_date=datetime.date(1950, 1, 2),
    gender="2",
    last_name="Jansen",
    prefix="de",
    first_names="Anna",
)
ADDRESS = Address(
    kind="01",
    street="Dorpsstraat",
    house_number="12",
    house_letter="A",
    postcode="9999ZZ",
    city="Voorbeeld",
)


def header(number: str, *, out: bool) -> Header:
    return Header(
        standard="iwmo",
        number=number,
        code=BERICHTCODE[number]["iwmo"],
        sender=MUNICIPALITY if out else PROVIDER,
        receiver=PROVIDER if out else MUNICIPALITY,
        message_id=f"VB0000000{number}",
        dated=DAY,
    )


def examples() -> dict[str, Message]:
    found = messages()
    # The retours repeat the received message's Client block with RetourCodes per block: the
    # 306 approves every block; the 318 refuses the TeWijzigenProduct (9351) only.
    for number, answered, findings in (
        ("306", "305", []),
        ("318", "317", [Finding("9351", "product 1", "line", 0)]),
    ):
        codes, plan = retour_plan(findings, lines=1)
        echo = build(found[f"wmo{answered}.xml"])
        found[f"wmo{number}.xml"] = Message(
            header(number, out=True),
            retour=Retour(f"VB0000000{answered}", DAY, codes, echo=echo, plan=plan),
        )
    return found


def messages() -> dict[str, Message]:
    product = ProductLine(allocation_number="TW2026000001", category="01")
    return {
        "wmo301.xml": Message(
            header("301", out=True),
            ClientData(
                **{
                    **CLIENT.__dict__,
                    "address": ADDRESS,
                    "phones": ["0201234567"],
                    "email": "a.jansen@example.org",
                    "relations": [
                        Relation(
                            number="V1",
                            kind="15",
                            last_name="M. Mentor",
                            contact_kind="02",
                            phones=["0612345678"],
                        )
                    ],
                }
            ),
            [
                ProductLine(
                    **{
                        **product.__dict__,
                        "allocated_on": DAY,
                        "allocated_time": "10:00:00",
                        "starts_on": DAY,
                        "ends_on": datetime.date(2027, 6, 7),
                        "volume": Decimal(3),
                        "unit": "04",
                        "frequency": "2",
                    }
                )
            ],
        ),
        "wmo305.xml": Message(
            header("305", out=False),
            CLIENT,
            [ProductLine(**{**product.__dict__, "starts_on": DAY, "status": "1"})],
        ),
        "wmo307.xml": Message(
            header("307", out=False),
            CLIENT,
            [
                ProductLine(
                    **{
                        **product.__dict__,
                        "starts_on": DAY,
                        "ends_on": datetime.date(2027, 1, 6),
                        "stop_reason": "14",
                        "status": "1",
                    }
                )
            ],
        ),
        "wmo317.xml": Message(
            header("317", out=False),
            ClientData(bsn=CLIENT.bsn),
            [
                ProductLine(
                    allocation_number="TW2026000001",
                    reference="REF0002",
                    starts_on=datetime.date(2027, 1, 4),
                    volume=Decimal(5),
                    unit="04",
                    frequency="2",
                )
            ],
            request_reason="1",
        ),
        "wmo319.xml": Message(
            header("319", out=True),
            answer=Answer(answer="1", reference="REF0002", refusal_reason="4"),
        ),
        "wmo315.xml": Message(
            header("315", out=False),
            CLIENT,
            [
                ProductLine(
                    reference="REF0001",
                    category="02",
                    starts_on=DAY,
                    volume=Decimal(2),
                    unit="04",
                    frequency="2",
                )
            ],
        ),
    }


@pytest.mark.parametrize("name", sorted(examples()))
def test_the_example_files_are_what_the_builders_write(name):
    message = examples()[name]
    content = build(message)
    assert checks.problems(read.read(content)) == []
    path = FOLDER / name
    if os.environ.get("IWMO_WRITE_EXAMPLES") == "1":
        path.write_bytes(content)
    assert path.read_bytes() == content, f"run with IWMO_WRITE_EXAMPLES=1 to write {name} anew"


def test_the_301_carries_the_address_and_basisschema_header_types():
    content = (FOLDER / "wmo301.xml").read_text()
    assert "<iwmo:Identificatie>VB0000000301</iwmo:Identificatie>" in content
    assert "<iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>" in content
    assert "<wmo301:Soort>01</wmo301:Soort>" in content
    for part in ("<iwmo:Huisnummer>12</", "<iwmo:Huisletter>A</", "<iwmo:Postcode>9999ZZ</"):
        assert part in content
    assert read.read(content.encode()).client.address == ADDRESS


def test_the_retour_examples_repeat_each_block_with_its_codes():
    back = read.read((FOLDER / "wmo318.xml").read_bytes())
    assert back.retour is not None and back.retour.codes == ["0200"]
    assert [(b.block, b.key, b.codes) for b in back.retour.blocks] == [
        ("TeWijzigenProduct", "TW2026000001", ["9351"]),
        ("Verzoek", "REF0002", ["0200"]),
        ("Client", "", ["0200"]),
    ]
    content = (FOLDER / "wmo306.xml").read_text()
    assert "<wmo306:Bsn>111222333</wmo306:Bsn>" in content and "wmo305:" not in content
