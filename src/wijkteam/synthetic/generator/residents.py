"""Stage: residents in households with their informal network."""

import datetime
import time

from wijkteam.organisation.models import Municipality
from wijkteam.residents.models import Household, NetworkMember, Resident

from .. import names
from .base import _GeneratorBase
from .config import CITY, MUNICIPALITY_CODE, HouseholdRelation, NetworkRelation
from .records import HouseholdInfo, _bsn, _Ids


class _ResidentsStage(_GeneratorBase):
    # ---------------------------------------------------------------------------------------
    # residents and households
    # ---------------------------------------------------------------------------------------

    def residents(self) -> None:
        started = time.monotonic()
        rng = self.rng
        size = self.size
        municipality_id = Municipality.objects.get(cbs_code=MUNICIPALITY_CODE).pk
        ids = _Ids([Household, Resident, NetworkMember])
        per_team = size.residents // size.teams
        bsn_stem = 10_000_000 + rng.randrange(0, 1_000_000)
        created = self._at(self.start)
        for team in self.teams:
            remaining = per_team + (
                size.residents - per_team * size.teams if team.index == 0 else 0
            )
            while remaining > 0:
                n = min(remaining, rng.choices((1, 2, 3, 4, 5), (35, 30, 15, 15, 5))[0])
                remaining -= n
                hid = ids.take(Household)
                prefix, last = rng.choice(names.LAST_NAMES)
                family = f"{prefix} {last}".strip()
                self._add(
                    Household,
                    {
                        "id": hid,
                        "municipality_id": municipality_id,
                        "name": f"Huishouden {family}",
                        "created_at": created,
                    },
                )
                hood = rng.choice(team.neighbourhood_ids)
                street = rng.choice(names.STREETS)
                number = str(rng.randint(1, 250))
                postcode = f"{rng.randint(1000, 9999)}{rng.choice('ABCEGHJKLMNPRTVWXZ')}{rng.choice('ABCEGHJKLMNPRTVWXZ')}"
                members: list[int] = []
                partner_id: int | None = None
                for k in range(n):
                    if k == 0:
                        relation, age = HouseholdRelation.HOOFDBEWONER, rng.randint(19, 94)
                    elif k == 1 and rng.random() < 0.6:
                        relation, age = HouseholdRelation.PARTNER, rng.randint(19, 90)
                    else:
                        relation, age = HouseholdRelation.KIND, rng.randint(0, 17)
                    female = rng.random() < 0.5
                    rid = ids.take(Resident)
                    bsn = ""
                    if rng.random() < 0.96:
                        while not bsn:
                            bsn = _bsn(bsn_stem)
                            bsn_stem += 1
                    born = self.end - datetime.timedelta(days=365 * age + rng.randrange(365))
                    own_last = (
                        (prefix, last)
                        if relation != HouseholdRelation.PARTNER
                        else rng.choice(names.LAST_NAMES)
                    )
                    self._add(
                        Resident,
                        {
                            "id": rid,
                            "version": 1,
                            "municipality_id": municipality_id,
                            "household_id": hid,
                            "household_relation": relation,
                            "bsn": bsn,
                            "first_name": rng.choice(
                                names.FIRST_NAMES_F if female else names.FIRST_NAMES_M
                            ),
                            "name_prefix": own_last[0],
                            "last_name": own_last[1],
                            "date_of_birth": born,
                            "street": street,
                            "house_number": number,
                            "postcode": postcode,
                            "city": CITY,
                            "neighbourhood_id": hood,
                            "phone": f"06{rng.randrange(10**8):08d}" if rng.random() < 0.7 else "",
                            "email": f"inwoner{rid}@voorbeeld.example"
                            if rng.random() < 0.4
                            else "",
                            "interpreter_language": "Arabisch" if rng.random() < 0.04 else "",
                            "plain_language": rng.random() < 0.1,
                            "intake_team_id": team.team_id,
                            "created_at": created,
                        },
                    )
                    members.append(rid)
                    if relation == HouseholdRelation.PARTNER:
                        partner_id = rid
                if rng.random() < 0.35:
                    for _ in range(rng.choice((1, 1, 2))):
                        load = rng.choices((1, 2, 3, 4), (50, 30, 15, 5))[0]
                        self._add(
                            NetworkMember,
                            {
                                "id": ids.take(NetworkMember),
                                "version": 1,
                                "household_id": hid,
                                "name": f"{rng.choice(names.FIRST_NAMES_F)} {rng.choice(names.LAST_NAMES)[1]}",
                                "relation": rng.choice(NetworkRelation.values),
                                "supports_id": members[0],
                                "phone": f"06{rng.randrange(10**8):08d}",
                                "what_they_do": rng.choice(names.NETWORK_WHAT),
                                "load": load,
                                "load_assessed_on": self._day(self.end, -rng.randrange(700)),
                            },
                        )
                team.households.append(len(self.households))
                team.residents.extend(members)
                self.households.append(
                    HouseholdInfo(hid, team.index, members, members[0], partner_id)
                )
                if len(self.households) % 2000 == 0:
                    self.w.flush()
        self.w.flush()
        self.say(
            f"inwoners: {size.residents:,} in {len(self.households):,} huishoudens "
            f"({time.monotonic() - started:.0f} s)"
        )
        self._timed("inwoners en huishoudens", started)
