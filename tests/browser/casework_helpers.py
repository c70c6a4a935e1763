"""Helpers for the casework walk: one logged-in browser context per team member, and a ``Walk``
that checks every page visited (axe-core WCAG 2.1 A/AA, one h1, a main landmark, the skip link)
and collects every problem for one readable assertion at the end.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, expect

from wijkteam.organisation import demo

from .helpers import axe_violations, totp_code

# What the structure check reads from the page: counted in the DOM, not guessed from styling.
_STRUCTURE_JS = """() => {
  const focusable = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]),'
    + ' select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
  const first = document.querySelector(focusable);
  const target = document.getElementById('inhoud');
  return {
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main, [role=main]').length,
    skipFirst: !!first && first.getAttribute('href') === '#inhoud',
    skipText: first ? first.textContent.trim() : '',
    skipTargetIsMain: !!target && (target.tagName === 'MAIN' || target.getAttribute('role') === 'main'),
  };
}"""


@dataclass
class Walk:
    """Every page a test visits, checked; ``assert_clean`` lists what was wrong, page by page."""

    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    _loads: dict[int, list[str]] = field(default_factory=dict)
    _seen: dict[int, int] = field(default_factory=dict)

    def watch(self, page: Page, who: str) -> None:
        """Record every document ``page`` loads, so a page left unchecked is reported too."""
        key = id(page)
        self._loads[key] = []
        self._seen[key] = 0
        page.on("load", lambda p: self._loads[key].append(f"{who}: {p.url}"))

    def check(self, page: Page, what: str) -> None:
        """axe-core and the page structure, on the page as it is now (error states included)."""
        page.wait_for_load_state("load")
        key = id(page)
        loads = self._loads.get(key, [])
        skipped = loads[self._seen.get(key, 0) : -1]
        self.problems += [f"niet gecontroleerd (geladen vóór '{what}'): {url}" for url in skipped]
        self._seen[key] = len(loads)
        label = f"[{what}] {page.url}"
        self.checked.append(label)
        self.problems += [f"[{what}] {line}" for line in axe_violations(page)]
        s = page.evaluate(_STRUCTURE_JS)
        if s["h1"] != 1:
            self.problems.append(f"{label}: {s['h1']} h1-koppen in plaats van precies één")
        if s["main"] != 1:
            self.problems.append(f"{label}: {s['main']} main-landmarks in plaats van precies één")
        if not (s["skipFirst"] and s["skipText"] == "Direct naar de inhoud"):
            self.problems.append(
                f"{label}: de skiplink is niet het eerste focusbare element ({s['skipText']!r})"
            )
        if not s["skipTargetIsMain"]:
            self.problems.append(f"{label}: de skiplink wijst niet naar de main-landmark")

    def assert_clean(self) -> None:
        for key, loads in self._loads.items():
            self.problems += [f"niet gecontroleerd: {url}" for url in loads[self._seen[key] :]]
        assert not self.problems, (
            f"{len(self.problems)} problemen op {len(self.checked)} gecontroleerde pagina's:\n"
            + "\n".join(self.problems)
        )


def open_session(browser: Browser, base: str, username: str, walk: Walk) -> Page:
    """A separate browser context for ``username``, logged in through the real log-in + TOTP."""
    # Reduced motion: no smooth scrolling (the NL Design System root scrolls smoothly), so the
    # clicks do not wait for scroll animations; the page must work with it anyway.
    context = browser.new_context(
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
        reduced_motion="reduce",
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    walk.watch(page, username)
    # The steps of helpers.login, with every page of the log-in checked too.
    page.goto(f"{base}/inloggen/")
    walk.check(page, f"{username}: inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(demo.DEMO_PASSWORD)
    submit(page, "Inloggen")
    walk.check(page, f"{username}: tweede factor")
    page.get_by_label("Code uit uw authenticator-app").fill(totp_code(username))
    submit(page, "Bevestigen")
    expect(page).to_have_url(f"{base}/")
    walk.check(page, f"{username}: startpagina")
    return page


def follow(page: Page, name: str | re.Pattern[str], *, exact: bool = False) -> None:
    """Click the link called ``name`` and wait for the new page."""
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=exact).first.click()


def submit(page: Page, name: str | re.Pattern[str] = "Opslaan") -> None:
    """Press the button called ``name`` and wait for the answer (a new page or the form again)."""
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).first.click()


def choose(select: Locator, text: str) -> None:
    """Select the option whose visible text contains ``text``."""
    option = select.locator("option", has_text=text).first
    value = option.get_attribute("value")
    assert value is not None, f"geen optie met {text!r}"
    select.select_option(value)


def options_of(select: Locator) -> list[str]:
    return [t.strip() for t in select.locator("option").all_inner_texts()]


def expect_field_error(page: Page, field_id: str, message: str) -> None:
    """The message is next to the field, linked to it and the field is marked invalid."""
    error = page.locator(f"#{field_id}_error")
    expect(error).to_contain_text(message)
    control = page.locator(f"#{field_id}")
    expect(control).to_have_attribute("aria-invalid", "true")
    expect(control).to_have_attribute("aria-describedby", re.compile(rf"\b{field_id}_error\b"))


def expect_message(page: Page, text: str) -> None:
    """The success or info message at the top of the page."""
    expect(page.locator(".wt-messages")).to_contain_text(text)


@dataclass(frozen=True)
class Pdf:
    filename: str
    content: bytes
    content_type: str


def download_pdf(page: Page, link: Locator) -> Pdf:
    """Download through the link as a user would, and fetch it again to read the content type."""
    href = link.get_attribute("href")
    assert href, "de downloadlink heeft geen adres"
    with page.expect_download() as info:
        link.click()
    download = info.value
    path = download.path()
    content = Path(path).read_bytes() if path else b""
    response = page.context.request.get(download.url)
    assert response.ok, f"{download.url}: {response.status}"
    return Pdf(
        filename=download.suggested_filename,
        content=content,
        content_type=response.headers.get("content-type", ""),
    )


def iso(day: datetime.date) -> str:
    return day.isoformat()


def dutch(day: datetime.date) -> str:
    """A date as the templates show it with ``j F Y``."""
    months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    return f"{day.day} {months[day.month - 1]} {day.year}"
