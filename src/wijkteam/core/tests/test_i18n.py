"""The English catalogue: complete, compiled, and used only when the user switches to English.

Dutch is the source language (the msgids); ``locale/en`` holds the English translation.
Refresh it with ``make messages`` after adding or changing Dutch strings.
"""

import datetime
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from wijkteam import deadlines
from wijkteam.cases.services.terms import term_start
from wijkteam.testing.factories import CaseFactory, UserFactory

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_FILE = CATALOGUE / "django.po"
MO_FILE = CATALOGUE / "django.mo"

ACCEPT_ENGLISH = "en-US,en"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$')
_CONTINUATION = re.compile(r'^"(.*)"$')


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def parse_po(path: Path) -> list[Entry]:
    """A minimal PO parser: enough for the files ``makemessages`` writes (no obsolete ones)."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal entry, target
        if target is not None:
            entries.append(entry)
        entry, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#~"):
            continue  # obsolete entry: not compiled
        elif line.startswith("#,"):
            if target is not None:
                finish()
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            if target is not None:
                finish()
        elif match := _KEYWORD.match(line):
            keyword, index, text = match.groups()
            if keyword in ("msgctxt", "msgid") and target is not None and target[0] == "msgstr":
                finish()
            if not entry.line:
                entry.line = number
            value = _unquote(text)
            if keyword.startswith("msgstr"):
                target = ("msgstr", int(index or 0))
                entry.msgstr[target[1]] = value
            else:
                target = (keyword, 0)
                setattr(entry, keyword, value)
        elif (match := _CONTINUATION.match(line)) and target is not None:
            value = _unquote(match.group(1))
            if target[0] == "msgstr":
                entry.msgstr[target[1]] += value
            else:
                setattr(entry, target[0], getattr(entry, target[0]) + value)
        else:
            raise AssertionError(f"{path}:{number}: cannot parse {raw!r}")
    finish()
    return entries


def _messages() -> list[Entry]:
    return [e for e in parse_po(PO_FILE) if e.msgid != ""]


def test_catalogue_exists_and_has_messages():
    assert PO_FILE.is_file(), f"{PO_FILE} is missing: run `make messages`"
    assert MO_FILE.is_file(), f"{MO_FILE} is missing: run `make messages`"
    assert len(_messages()) > 100


def test_catalogue_has_no_untranslated_or_fuzzy_entries():
    header = [e for e in parse_po(PO_FILE) if e.msgid == ""]
    assert len(header) == 1
    assert "fuzzy" not in header[0].flags, "the header is marked fuzzy"
    assert "Language: en\\n" in PO_FILE.read_text(encoding="utf-8")

    problems = []
    for entry in _messages():
        expected_forms = 2 if entry.msgid_plural is not None else 1
        if "fuzzy" in entry.flags:
            problems.append(f"line {entry.line}: fuzzy: {entry.msgid!r}")
        elif len(entry.msgstr) != expected_forms or not all(entry.msgstr.values()):
            problems.append(f"line {entry.line}: untranslated: {entry.msgid!r}")
    assert not problems, "translate these in django.po, then run `make messages`:\n" + "\n".join(
        problems
    )


def test_translations_keep_their_placeholders():
    placeholder = re.compile(r"%(?:\([^)]+\))?[sd]|\{[A-Za-z_]\w*\}")
    problems = []
    for entry in _messages():
        for index, text in entry.msgstr.items():
            source = entry.msgid if index == 0 else (entry.msgid_plural or entry.msgid)
            if text and sorted(placeholder.findall(text)) != sorted(placeholder.findall(source)):
                problems.append(f"line {entry.line} msgstr[{index}]: {entry.msgid!r}")
    assert not problems, "\n".join(problems)


def test_compiled_catalogue_matches_the_po_file():
    """The committed .mo says what the .po says: catch a forgotten ``compilemessages``."""
    with MO_FILE.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for entry in _messages():
        if entry.msgid_plural is not None:
            for n, index in ((1, 0), (2, 1)):
                if entry.msgctxt is not None:
                    got = compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                else:
                    got = compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                if got != entry.msgstr.get(index):
                    stale.append(f"line {entry.line}: {entry.msgid!r} (n={n})")
        else:
            if entry.msgctxt is not None:
                got = compiled.pgettext(entry.msgctxt, entry.msgid)
            else:
                got = compiled.gettext(entry.msgid)
            if got != entry.msgstr.get(0):
                stale.append(f"line {entry.line}: {entry.msgid!r}")
    assert not stale, "django.mo is out of date: run `make messages`\n" + "\n".join(stale)


@pytest.mark.django_db
def test_login_page_is_dutch_by_default_whatever_the_browser_asks(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE=ACCEPT_ENGLISH)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'lang="nl"' in page
    assert ">Inloggen</h1>" in page
    assert "Gebruikersnaam" in page
    assert response["Content-Language"] == "nl"


@pytest.mark.django_db
def test_language_switch_shows_the_login_page_in_english(client):
    switched = client.post(reverse("set_language"), {"language": "en", "next": "/inloggen/"})
    assert switched.status_code == 302

    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE=ACCEPT_ENGLISH)
    page = response.content.decode()
    assert 'lang="en"' in page
    assert ">Log in</h1>" in page
    assert "Username" in page
    assert "Skip to content" in page
    assert "Inloggen" not in page
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_language_switch_back_to_dutch(client):
    client.post(reverse("set_language"), {"language": "en"})
    client.post(reverse("set_language"), {"language": "nl"})
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="nl"' in page
    assert ">Inloggen</h1>" in page


@pytest.mark.django_db
def test_logged_in_pages_follow_the_language_switch(client_for):
    client = client_for(UserFactory())
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(reverse("home:home")).content.decode()
    assert 'lang="en"' in page
    assert "Log out" in page
    assert "Uitloggen" not in page


def test_deadline_labels_are_translated():
    """The ``deadlines`` package marks its labels with a no-op; the catalogue must hold them."""
    labels = [*deadlines.TERM_LABELS.values(), *deadlines.STATUS_LABELS.values()]
    with translation.override("en"):
        untranslated = [label for label in labels if translation.gettext(label) == label]
        assert translation.gettext("op tijd") == "on time"
        assert translation.gettext("verlopen") == "overdue"
    assert not untranslated, untranslated


@pytest.mark.django_db
def test_case_page_in_english_shows_headings_and_term_status(client_for):
    case = CaseFactory()
    today = timezone.localdate()
    term_start(case=case, key="wmo_onderzoek", starts_on=today - datetime.timedelta(days=3))
    term_start(case=case, key="wmo_persoonlijk_plan", starts_on=today - datetime.timedelta(days=60))
    client = client_for(case.coordinator)
    client.post(reverse("set_language"), {"language": "en"})

    response = client.get(reverse("cases:detail", args=[case.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'lang="en"' in page
    for heading in ("Household", "Legal terms", "Case coordination"):
        assert f">{heading}</h" in page, heading
    for tab in ("Overview", "Assessments", "History"):
        assert f">{tab}</a>" in page, tab
    assert "Wmo investigation after a report" in page
    assert "Submitting a personal plan (Wmo)" in page
    assert ">on time</span>" in page
    assert ">overdue</span>" in page
    for dutch in ("Wettelijke termijnen", "Geschiedenis", "Wmo-onderzoek na melding", "op tijd"):
        assert dutch not in page, dutch
    history = client.get(reverse("cases:detail", args=[case.pk]) + "?onderdeel=geschiedenis")
    assert ">Phase history</h2>" in history.content.decode()
