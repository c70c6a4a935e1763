"""Stage: the accountability figures: a beleidsmedewerker and Wmo-raad members with accounts, the
snapshot over the generated history, and one overview of its last full quarter published."""

import datetime
import time

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.accountability.notify import last_full_quarter
from wijkteam.accountability.services import overview_publish, overview_save
from wijkteam.accountability.snapshot import snapshot_build
from wijkteam.accounts.constants import SystemRole
from wijkteam.accounts.models import User

from .. import names
from .base import _GeneratorBase
from .config import PASSWORD, totp_key

# (username, system role): outside the teams, so the beleidsmedewerker sees the whole municipality
REPORT_USERS = (
    ("synbeleid-01", SystemRole.BELEIDSMEDEWERKER),
    ("synwmoraad-01", SystemRole.WMO_RAAD),
    ("synwmoraad-02", SystemRole.WMO_RAAD),
)


class _FiguresStage(_GeneratorBase):
    def figures(self) -> None:
        started = time.monotonic()
        password = make_password(PASSWORD)
        users = []
        for username, role in REPORT_USERS:
            first = self.rng.choice(names.FIRST_NAMES_F + names.FIRST_NAMES_M)
            prefix, last = self.rng.choice(names.LAST_NAMES)
            users.append(
                User(
                    username=username,
                    first_name=first,
                    last_name=f"{prefix} {last}".strip(),
                    email=f"{username}@synthese.example",
                    system_role=role,
                    password=password,
                    is_active=True,
                )
            )
        User.objects.bulk_create(users)
        made = {
            u.username: u for u in User.objects.filter(username__in=[u for u, _r in REPORT_USERS])
        }
        TOTPDevice.objects.bulk_create(
            [
                TOTPDevice(user=made[u], name="Synthetisch", key=totp_key(u), confirmed=True)
                for u, _r in REPORT_USERS
            ]
        )
        self.result.counts["accountability_aggregate"] = snapshot_build(trigger="synthetisch").rows
        start, _end = last_full_quarter(self.end + datetime.timedelta(days=1))
        author = made[REPORT_USERS[0][0]]
        overview = overview_save(
            actor=author,
            title=f"Wijkteams in het {(start.month - 1) // 3 + 1}e kwartaal {start:%Y}",
            period_kind="kwartaal",
            period_month=f"{start:%Y-%m}",
            threshold=10,
            explanation="Hoe inwoners de wijkteams bereiken en hoe snel het team werkt.",
        )
        try:
            overview_publish(actor=author, overview=overview)
            self.result.counts["accountability_publishedoverview"] = 1
        except ValidationError as exc:  # too few figures (a very small size): the draft stays
            self.result.notes.append(f"geen overzicht gepubliceerd: {exc.messages[0]}")
            self.result.counts["accountability_publishedoverview"] = 0
        self._timed("verantwoording", started)
