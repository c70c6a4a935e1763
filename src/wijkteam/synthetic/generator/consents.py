"""Stage: consents, where the privacy app has them."""

import random
import time
from typing import Any

from wijkteam.cases.models import Case
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.models import Membership
from wijkteam.privacy import constants as privacy_constants
from wijkteam.privacy import models as privacy_models
from wijkteam.residents.models import Resident

from .base import _GeneratorBase
from .config import MUNICIPALITY_CODE, CaseState, HouseholdRelation
from .records import _aware


class _ConsentsStage(_GeneratorBase):
    # ---------------------------------------------------------------------------------------
    # consents (only when the privacy app has a Consent model)
    # ---------------------------------------------------------------------------------------

    def consents(self) -> None:
        consent_model = getattr(privacy_models, "Consent", None)
        if consent_model is None:
            self.result.notes.append(
                "toestemmingen overgeslagen: privacy.models heeft geen Consent"
            )
            return
        started = time.monotonic()
        rng = random.Random(self.seed + 1)  # noqa: S311 - synthetic data, not security
        all_categories = sorted(getattr(privacy_constants, "ALL_CATEGORIES", ()))
        decider_categories = ["basisgegevens", "besluiten", "interventies", "onderzoek", "plan"]
        supporter_categories = ["basisgegevens", "besluiten", "netwerk", "onderzoek", "plan"]
        open_cases = list(
            Case.objects.filter(team__municipality__cbs_code=MUNICIPALITY_CODE)
            .exclude(state=CaseState.AFGESLOTEN)
            .order_by("pk")
            .values_list(
                "pk", "household_id", "opened_on", "coordinator_id", "client_supporter_id",
                "team_id", "team__responsible_organisation_id",
            )
        )  # fmt: skip
        employer = {
            (user_id, team_id): org_id
            for user_id, team_id, org_id in Membership.objects.filter(
                team__municipality__cbs_code=MUNICIPALITY_CODE
            ).values_list("user_id", "team_id", "organisation_id")
        }
        deciders: dict[int, set[int]] = {}
        for user_id, team_id in Membership.objects.filter(
            team__municipality__cbs_code=MUNICIPALITY_CODE, roles__role=TeamRole.BESLISSER
        ).values_list("user_id", "team_id"):
            deciders.setdefault(team_id, set()).add(employer[(user_id, team_id)])
        involved: dict[int, list[int]] = {}
        through = Case.involved_members.through
        for case_id, user_id in through.objects.filter(
            case_id__in=[c[0] for c in open_cases]
        ).values_list("case_id", "user_id"):
            involved.setdefault(case_id, []).append(user_id)
        heads = dict(
            Resident.objects.filter(
                household_id__in=[c[1] for c in open_cases],
                household_relation=HouseholdRelation.HOOFDBEWONER,
            ).values_list("household_id", "pk")
        )
        objs: list[dict[str, Any]] = []

        def consent(resident: int, org: int, categories: list[str], day: Any, by: int) -> None:
            objs.append(
                {
                    "resident_id": resident,
                    "organisation_id": org,
                    "basis": "toestemming",
                    "purpose": "Ondersteuning volgens het plan",
                    "categories": categories,
                    "given_how": rng.choice(("mondeling", "schriftelijk")),
                    "legal_ground": "",
                    "justification": "",
                    "valid_from": day,
                    "valid_until": None,
                    "recorded_by_id": by,
                }
            )

        for case_id, household_id, opened_on, coordinator, supporter, team_id, own in open_cases:
            head = heads.get(household_id)
            if head is None:
                continue
            # The organisations whose employees work the case need the resident's consent
            # (need-to-know); the team's responsible organisation does not.
            needed: dict[int, list[str]] = {}
            for user_id in [coordinator, *involved.get(case_id, [])]:
                needed[employer[(user_id, team_id)]] = all_categories
            for org in deciders.get(team_id, set()):
                needed.setdefault(org, decider_categories)
            if supporter is not None:
                needed.setdefault(employer[(supporter, team_id)], supporter_categories)
            for org, categories in sorted(needed.items()):
                if org != own:
                    consent(head, org, categories, opened_on, coordinator)
            # Sometimes also a provider outside the team, and now and then withdrawn again.
            if rng.random() < 0.3:
                provider = rng.choice(self.providers)
                if provider.pk not in needed and provider.pk != own:
                    consent(head, provider.pk, ["basisgegevens", "plan"], opened_on, coordinator)
                    if rng.random() < 0.15:
                        objs[-1].update(
                            withdrawn_at=_aware(self.end, 9 * 3600),
                            withdrawn_by_id=coordinator,
                            withdrawal_note="Ingetrokken door de inwoner.",
                        )
        try:
            consent_model.objects.bulk_create([consent_model(**v) for v in objs], batch_size=5000)
        except (TypeError, ValueError) as exc:  # the model changed under us: say so, go on
            self.result.notes.append(f"toestemmingen overgeslagen: {exc}")
            return
        self.result.counts["toestemmingen"] = len(objs)
        self._timed("toestemmingen", started)
