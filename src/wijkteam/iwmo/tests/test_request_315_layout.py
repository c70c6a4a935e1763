"""The 315 in the release 3.2 layout of WMO315.xsd: AangevraagdProduct with
ToewijzingIngangsdatum / ToewijzingEinddatum, and the parts this project does not read
(BeschikkingNummer, Verwijzer, Raamcontract, Commentaar) repeated as received in the 316."""

import datetime

from lxml import etree

from wijkteam.iwmo.constants import BERICHTCODE
from wijkteam.iwmo.xml import checks, read
from wijkteam.iwmo.xml.build import build
from wijkteam.iwmo.xml.plan import retour_plan
from wijkteam.iwmo.xml.types import Header, Message, Retour

NS = 'xmlns:wmo315="http://www.istandaarden.nl/iwmo/3_2/wmo315/schema" '
NS += 'xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"'
STANDARD_315 = f"""<?xml version="1.0" encoding="UTF-8"?>
<wmo315:Bericht {NS}>
 <wmo315:Header>
  <wmo315:BerichtCode>444</wmo315:BerichtCode><wmo315:BerichtVersie>3</wmo315:BerichtVersie>
  <wmo315:BerichtSubversie>2</wmo315:BerichtSubversie><wmo315:Afzender>12345678</wmo315:Afzender>
  <wmo315:Ontvanger>9999</wmo315:Ontvanger>
  <wmo315:BerichtIdentificatie><iwmo:Identificatie>VOT-1</iwmo:Identificatie>
   <iwmo:Dagtekening>2026-12-07</iwmo:Dagtekening></wmo315:BerichtIdentificatie>
  <wmo315:XsdVersie><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>
   <iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></wmo315:XsdVersie>
 </wmo315:Header>
 <wmo315:Client>
  <wmo315:Bsn>111222333</wmo315:Bsn>
  <wmo315:Geboortedatum><iwmo:Datum>1950-01-02</iwmo:Datum></wmo315:Geboortedatum>
  <wmo315:Geslacht>2</wmo315:Geslacht>
  <wmo315:Naam><iwmo:Geslachtsnaam><iwmo:Achternaam>Jansen</iwmo:Achternaam></iwmo:Geslachtsnaam>
  </wmo315:Naam>
  <wmo315:Commentaar>Toelichting</wmo315:Commentaar>
  <wmo315:AangevraagdeProducten><wmo315:AangevraagdProduct>
   <wmo315:ReferentieAanbieder>VOT-REF</wmo315:ReferentieAanbieder>
   <wmo315:BeschikkingNummer>B1</wmo315:BeschikkingNummer>
   <wmo315:Product><iwmo:Categorie>02</iwmo:Categorie></wmo315:Product>
   <wmo315:ToewijzingIngangsdatum>2027-01-04</wmo315:ToewijzingIngangsdatum>
   <wmo315:ToewijzingEinddatum>2027-06-30</wmo315:ToewijzingEinddatum>
   <wmo315:Omvang><iwmo:Volume>2</iwmo:Volume><iwmo:Eenheid>04</iwmo:Eenheid>
    <iwmo:Frequentie>2</iwmo:Frequentie></wmo315:Omvang>
   <wmo315:Verwijzer><iwmo:Type>01</iwmo:Type><iwmo:Naam>Huisarts</iwmo:Naam></wmo315:Verwijzer>
   <wmo315:Raamcontract>2</wmo315:Raamcontract>
  </wmo315:AangevraagdProduct></wmo315:AangevraagdeProducten>
 </wmo315:Client>
</wmo315:Bericht>""".encode()


def test_the_standard_315_is_read_with_its_dates():
    data = read.read(STANDARD_315)
    (line,) = data.lines
    assert (line.reference, line.category, line.volume) == ("VOT-REF", "02", 2)
    assert line.starts_on == datetime.date(2027, 1, 4)
    assert line.ends_on == datetime.date(2027, 6, 30)
    assert checks.problems(data) == []


def test_our_315_builder_writes_the_standard_names():
    content = build(read.read(STANDARD_315)).decode()
    assert "<wmo315:ToewijzingIngangsdatum>2027-01-04<" in content
    assert "<wmo315:ToewijzingEinddatum>2027-06-30<" in content
    assert "<wmo315:Ingangsdatum>" not in content and "<wmo315:Einddatum>" not in content


def test_the_316_repeats_what_is_not_read():
    codes, plan = retour_plan([], lines=1)
    retour = Message(
        Header("iwmo", "316", BERICHTCODE["316"]["iwmo"], "9999", "12345678", "R1", None),
        retour=Retour("VOT-1", None, codes, echo=STANDARD_315, plan=plan),
    )
    root = etree.fromstring(build(retour))
    names = [etree.QName(n).localname for n in root.iter() if isinstance(n.tag, str)]
    for name in ("Commentaar", "BeschikkingNummer", "Verwijzer", "Raamcontract"):
        assert name in names
    product = root.find(".//{*}AangevraagdProduct")
    assert etree.QName(product[-1]).localname == "RetourCodes"
