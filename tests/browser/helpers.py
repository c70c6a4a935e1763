"""Log in as a demo user and check pages with axe-core (WCAG 2.1 A and AA)."""

import time

from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from playwright.sync_api import Page

from wijkteam.organisation import demo

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def totp_code(username: str) -> str:
    """The user's current code. django-otp refuses a code twice (replay protection), so when
    this user already logged in during the current 30-second step, wait for the next one."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is not None and device.last_t is not None:
        while int(time.time() - device.t0) // device.step <= device.last_t:
            time.sleep(0.5)
    return f"{totp(bytes.fromhex(demo.demo_totp_key(username))):06d}"


def login(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code uit uw authenticator-app").fill(totp_code(username))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{base_url}/")


def axe_violations(page: Page) -> list[str]:
    """Violations of the WCAG 2.1 A/AA rules on the current page, one line each."""
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    lines = []
    for violation in results.response["violations"]:
        targets = ", ".join(str(n["target"]) for n in violation["nodes"][:3])
        lines.append(
            f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']} — {targets}"
        )
    return lines
