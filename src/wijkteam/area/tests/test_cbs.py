"""The CBS import: the shipped files, dry runs, unmatched codes and broken files (nothing
partly stored), the command and the upload page."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from wijkteam.area.cbs import CbsFileError, base_name, parse
from wijkteam.area.demo import DATA_DIR
from wijkteam.area.models import AreaFigures, CbsImport
from wijkteam.area.services.figures import cbs_import
from wijkteam.audit.models import AuditEvent
from wijkteam.conftest import verified_client

FILE_2024 = (DATA_DIR / "kwb-2024-voorbeeld.csv").read_bytes()
HEADER = (
    "ID;WijkenEnBuurten;Gemeentenaam_1;SoortRegio_2;Codering_3;AantalInwoners_5;Koopwoningen_40"
)


def csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode()


def test_column_names_are_recognised_without_their_yearly_number():
    assert base_name("AantalInwoners_5") == "AantalInwoners"
    assert base_name(' "k_65JaarOfOuder_12" ') == "k_65JaarOfOuder"
    assert base_name("k_0Tot15Jaar") == "k_0Tot15Jaar"


def test_the_shipped_file_parses_with_missing_values_and_decimal_commas():
    parsed = parse((DATA_DIR / "kwb-2023-voorbeeld.csv").read_bytes())
    rows = {r.code: r for r in parsed.rows}
    assert "WK999901" in rows and "BU99990203" in rows
    assert rows["BU99990203"].figures["low_income_households_pct"] is None  # "." in the file
    assert rows["GM9999"].figures["average_household_size"] > 1
    assert "Bevolkingsdichtheid" in parsed.ignored_columns


def test_import_stores_every_wijk_and_buurt_and_skips_other_municipalities(area):
    report = cbs_import(actor=area.beheerder, data=FILE_2024, filename="kwb.csv", year=2024)
    assert report.stored
    assert report.outside == 1  # GM9998, a neighbouring municipality
    assert report.outside_municipalities == ["GM9998"]
    assert report.unmatched == []
    assert AreaFigures.objects.filter(year=2024).count() == 9  # gemeente, 2 wijken, 6 buurten
    centrum = AreaFigures.objects.get(district=area.districts["WK999901"], year=2024)
    buurten = AreaFigures.objects.filter(
        neighbourhood__district=area.districts["WK999901"], year=2024
    )
    assert centrum.inhabitants == sum(b.inhabitants for b in buurten)
    assert CbsImport.objects.get().matched == 9
    assert AuditEvent.objects.filter(object_type="area.CbsImport").exists()


def test_a_second_import_of_the_same_year_replaces_the_figures(area):
    cbs_import(actor=None, data=FILE_2024, filename="a.csv", year=2024)
    changed = FILE_2024.replace(b'"WK999901  ";1;5465', b'"WK999901  ";1;6000')
    cbs_import(actor=None, data=changed, filename="b.csv", year=2024)
    assert AreaFigures.objects.filter(year=2024).count() == 9
    assert AreaFigures.objects.get(code="WK999901", year=2024).inhabitants == 6000


def test_dry_run_reports_unmatched_codes_and_stores_nothing(area):
    data = csv(
        '1;"WK999901  ";"Voorbeeld";"Wijk";"WK999901  ";5000;40',
        '2;"BU99990177  ";"Voorbeeld";"Buurt";"BU99990177";300;.',
    )
    report = cbs_import(actor=area.beheerder, data=data, filename="x.csv", year=2024, dry_run=True)
    assert report.unmatched == ["BU99990177"]
    assert [code for code, _name, _level in report.matched] == ["WK999901"]
    assert not report.stored
    assert not AreaFigures.objects.exists() and not CbsImport.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leeg"),
        (b"naam,adres\nJan,Dorpsstraat 1\n", "puntkomma"),
        (b"naam;adres\nJan;Dorpsstraat 1\n", "ontbreken"),
        (csv('1;"WK999901";"V";"Wijk";"WK999901";vijf;40'), "geen geldig getal"),
        (csv('1;"WK999901";"V";"Wijk";"WK999901";-5;40'), "geen geldig getal"),
        (csv('1;"WK999901";"V";"Wijk";"WK999901";5000'), "kolommen in plaats van"),
        (csv('1;"Centrum";"V";"Wijk";"Centrum";5000;40'), "geen CBS-code"),
        (
            csv(
                '1;"WK999901";"V";"Wijk";"WK999901";5000;40',
                '2;"WK999901";"V";"Wijk";"WK999901";5000;40',
            ),
            "stond al op regel 2",
        ),
        (csv('1;"WK000101";"V";"Wijk";"WK000101";5000;40'), "Geen enkele code"),
        (HEADER.replace("Koopwoningen_40", "AantalInwoners_6").encode(), "dubbel"),
        (b"\x00\x01\x02;PK", "geen tekstbestand"),
    ],
)
def test_a_broken_file_is_refused_with_a_dutch_message_and_nothing_is_stored(area, data, message):
    # The last good row first: a later error must undo nothing because nothing was written.
    with pytest.raises(CbsFileError, match=message):
        cbs_import(actor=None, data=data, filename="kapot.csv", year=2024)
    assert not AreaFigures.objects.exists()
    assert not CbsImport.objects.exists()


def test_an_error_late_in_a_file_stores_none_of_the_earlier_rows(area):
    bad = FILE_2024.rstrip(b"\r\n") + b'\r\n99;"BU99990299  ";"V";"Buurt";"BU99990299";x\r\n'
    with pytest.raises(CbsFileError, match="kolommen in plaats van"):
        cbs_import(actor=None, data=bad, filename="kapot.csv", year=2024)
    assert not AreaFigures.objects.exists()


def test_a_year_in_the_future_is_refused(area):
    with pytest.raises(CbsFileError, match="toekomst"):
        cbs_import(actor=None, data=FILE_2024, filename="kwb.csv", year=2099)


def test_command_shows_progress_and_dry_run(area, tmp_path: Path):
    path = tmp_path / "kwb.csv"
    path.write_bytes(FILE_2024)
    out = StringIO()
    call_command("import_cbs", str(path), "--jaar", "2024", "--dry-run", stdout=out)
    assert "regels gelezen" in out.getvalue()
    assert "niets opgeslagen" in out.getvalue()
    assert not AreaFigures.objects.exists()
    call_command("import_cbs", str(path), "--jaar", "2024", stdout=out)
    assert "opgeslagen" in out.getvalue()
    assert AreaFigures.objects.count() == 9


def test_command_refuses_a_wrong_file(area, tmp_path: Path):
    path = tmp_path / "fout.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(CommandError, match="Niet geïmporteerd"):
        call_command("import_cbs", str(path), "--jaar", "2024", stdout=StringIO())


def test_upload_page_for_the_beheerder_only(area):
    page = verified_client(area.beheerder)
    upload = SimpleUploadedFile("kwb.csv", FILE_2024, content_type="text/csv")
    response = page.post("/beheer/cbs/", {"file": upload, "year": 2024, "dry_run": "on"})
    assert response.status_code == 200
    assert "9 gebieden gekoppeld" in response.content.decode()
    assert not AreaFigures.objects.exists()
    upload = SimpleUploadedFile("kwb.csv", FILE_2024, content_type="text/csv")
    response = page.post("/beheer/cbs/", {"file": upload, "year": 2024})
    assert AreaFigures.objects.count() == 9
    wrong = SimpleUploadedFile("fout.csv", b"a,b\n1,2\n", content_type="text/csv")
    response = page.post("/beheer/cbs/", {"file": wrong, "year": 2024})
    assert response.status_code == 400
    assert "puntkomma" in response.content.decode()
    assert verified_client(area.leader).get("/beheer/cbs/").status_code == 403


def test_the_upload_is_scanned_for_viruses_and_fails_closed(area, settings):
    from wijkteam.testing.fake_clamd import EICAR, fake_clamd, unreachable_address

    page = verified_client(area.beheerder)
    settings.VIRUS_SCAN = "clamd"
    settings.CLAMD_ADDRESS = unreachable_address()
    upload = SimpleUploadedFile("kwb.csv", FILE_2024, content_type="text/csv")
    response = page.post("/beheer/cbs/", {"file": upload, "year": 2024})
    assert response.status_code == 400
    assert "We konden het bestand nu niet controleren op virussen" in response.content.decode()
    assert not AreaFigures.objects.exists() and not CbsImport.objects.exists()
    with fake_clamd() as clamd:
        settings.CLAMD_ADDRESS = clamd.address
        infected = SimpleUploadedFile("kwb.csv", FILE_2024 + EICAR, content_type="text/csv")
        response = page.post("/beheer/cbs/", {"file": infected, "year": 2024})
        assert response.status_code == 400
        assert "In dit bestand zit een virus" in response.content.decode()
        assert not AreaFigures.objects.exists() and not CbsImport.objects.exists()
        assert AuditEvent.objects.get(action="denied").changes["where"] == "cbs-import"
        upload = SimpleUploadedFile("kwb.csv", FILE_2024, content_type="text/csv")
        page.post("/beheer/cbs/", {"file": upload, "year": 2024})
        assert AreaFigures.objects.count() == 9
