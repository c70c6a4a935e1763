"""The casework walk's state and page readers (used by test_casework_walk)."""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from .casework_helpers import (
    Walk,
    expect_message,
    open_session,
    options_of,
    submit,
)

TEAM = "Wijkteam Centrum"
FIRST, LAST = "Truus", "Verhoeven"
RESIDENT = f"{FIRST} {LAST}"
HOUSEHOLD = f"Huishouden {LAST}"
CARER = "Henk Verhoeven"
QUESTION = "Mevrouw redt het huishouden niet meer sinds haar heupoperatie."
GOAL = "Ik wil mijn huis weer zelf schoon en netjes houden, met een beetje hulp."


@dataclass
class Team:
    """The walk's state: one logged-in browser per member, and what the walk created."""

    browser: Browser
    base: str
    walk: Walk
    pages: dict[str, Page] = field(default_factory=dict)
    case_pk: int = 0

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()

    def member(self, username: str) -> Page:
        if username not in self.pages:
            self.pages[username] = open_session(self.browser, self.base, username, self.walk)
        return self.pages[username]

    @property
    def today(self) -> datetime.date:
        """The server's date when asked, not when the walk began: a walk may cross midnight."""
        return timezone.localdate()

    @property
    def case_url(self) -> str:
        return f"{self.base}/casussen/{self.case_pk}/"

    def case_page(self, username: str, what: str) -> Page:
        page = self.member(username)
        page.goto(self.case_url)
        self.walk.check(page, what)
        expect(page.get_by_role("heading", level=1)).to_have_text(HOUSEHOLD)
        return page

    def open_tab(self, page: Page, label: str) -> None:
        """Open one tab of the case page by its link in the case's own navigation."""
        tabs = page.get_by_role("navigation", name="Onderdelen van de casus")
        with page.expect_navigation():
            tabs.get_by_role("link", name=label, exact=True).click()
        self.walk.check(page, f"tabblad {label}")
        expect(tabs.get_by_role("link", name=label, exact=True)).to_have_attribute(
            "aria-current", "page"
        )

    def change_phase(self, page: Page, to: str, expected_options: list[str], reason: str) -> None:
        """The phase select offers exactly the legal next states; move the case to ``to``."""
        if page.get_by_label("Naar fase").count() == 0:  # the phase is changed on the overview
            self.open_tab(page, "Overzicht")
        select = page.get_by_label("Naar fase")
        assert options_of(select) == expected_options
        select.select_option(label=to)
        page.get_by_label("Toelichting", exact=True).fill(reason)
        submit(page, "Fase wijzigen")
        self.walk.check(page, f"fase naar {to}")
        expect_message(page, "De fase van de casus is gewijzigd.")
        expect(phase_of(page)).to_have_text(to)


def phase_of(page: Page):
    return page.locator("dt", has_text=re.compile(r"^Fase$")).locator("+ dd")


def value_of(page: Page, key: str):
    return page.locator("dt", has_text=re.compile(rf"^{re.escape(key)}$")).locator("+ dd")
