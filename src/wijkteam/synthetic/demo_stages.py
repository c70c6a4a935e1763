"""The work done on each demo case, stage by stage, through the stage services."""

import datetime
import random
from collections.abc import Callable
from decimal import Decimal

from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.cases.constants import CaseState, LawTrack
from wijkteam.cases.models import Case
from wijkteam.cases.services import (
    assessment,
    decision,
    evaluation,
    intake,
    intervention,
    investigation,
    plan,
)
from wijkteam.organisation.models import Organisation
from wijkteam.synthetic.demo_data import walk_to
from wijkteam.synthetic.demo_people import Situation

ZRM = {
    "oudere_thuis": {
        "instrumentele_adl": (2, "Kan het huishouden niet meer zelf doen"),
        "basale_adl": (3, "Douchen lukt alleen met hulp"),
        "sociaal_netwerk": (3, "Dochter is de enige steun en raakt overbelast"),
    },
    "dementie": {
        "geestelijke_gezondheid": (2, "Toenemende vergeetachtigheid"),
        "huiselijke_relaties": (3, "Partner draagt alle zorg"),
    },
    "schulden": {
        "financien": (1, "Beslag op het loon, aanmaningen stapelen op"),
        "tijdsbesteding": (3, "Zorgen houden hem 's nachts wakker"),
    },
    "jeugd_school": {
        "werk_opleiding": (2, "Zoon verzuimt al weken"),
        "geestelijke_gezondheid": (3, "Somber, trekt zich terug"),
    },
    "woning": {
        "huisvesting": (2, "Woning ernstig vervuild, dreigende huisuitzetting"),
        "middelengebruik": (3, "Drinkt dagelijks"),
    },
    "alleenstaande_ouder": {
        "huiselijke_relaties": (2, "Veel spanning thuis"),
        "financien": (3, "Rondkomen lukt net"),
        "werk_opleiding": (2, "Oudste dreigt van school te gaan"),
    },
    "rolstoel": {"basale_adl": (2, "Kan zich niet zelf verplaatsen buitenshuis")},
}
GOALS = {
    "oudere_thuis": (
        "instrumentele_adl",
        "Ik wil dat mijn huis schoon is zonder dat mijn dochter alles moet doen.",
    ),
    "dementie": (
        "huiselijke_relaties",
        "We willen samen thuis blijven wonen en ik wil ook eens op adem komen.",
    ),
    "schulden": ("financien", "Ik wil weer overzicht over mijn geld en geen nieuwe schulden."),
    "jeugd_school": ("werk_opleiding", "Ik wil dat mijn zoon weer naar school gaat."),
    "woning": ("huisvesting", "Ik wil in mijn huis kunnen blijven wonen."),
    "alleenstaande_ouder": (
        "werk_opleiding",
        "Mijn oudste moet zijn diploma halen en ik wil het thuis weer rustig.",
    ),
    "rolstoel": ("basale_adl", "Ik wil weer zelf naar de markt."),
}
DECISIONS = {
    # situation: (law, category, volume, unit, frequency, weeks, provider)
    "oudere_thuis": (LawTrack.WMO, "01", Decimal("3"), "04", "2", 26, "Zorggroep De Linde"),
    "woning": (
        LawTrack.WMO,
        "02",
        Decimal("12"),
        "04",
        "2",
        26,
        "Zorggroep De Linde",
    ),  # above the alone limit
    "alleenstaande_ouder": (
        LawTrack.JEUGDWET,
        "45",
        Decimal("2"),
        "04",
        "2",
        12,
        "Jeugdhulp Het Anker",
    ),
}


# Illustrative hourly tariffs (euro) of the demo's contracts, per product category: a granted
# decision's budget is volume × weeks × tariff, so the figures on maatwerk budget are filled.
# Each budget stays below the demo mandate's limit of 15,000 euro (the "woning" begeleiding,
# 12 hours a week for 26 weeks, is 14,788.80), so only its volume asks for a second approval.
HOURLY_TARIFF = {"01": Decimal("34.50"), "02": Decimal("47.40"), "45": Decimal("86.20")}


class StageWork:
    """Callable used by ``walk_to``: does the work that belongs before entering each state."""

    def __init__(
        self,
        *,
        case: Case,
        situation: Situation,
        rng: random.Random,
        members: dict[str, User],
        orgs: dict[str, Organisation],
    ) -> None:
        self.case = case
        self.situation = situation
        self.rng = rng
        self.members = members
        self.orgs = orgs
        self.today = timezone.localdate()
        # The onderzoek a few weeks after the case opened (mostly within its 6-week term), the
        # plan and support one to two weeks later; never after today.
        span = (self.today - case.opened_on).days
        self.onderzoek_day = min(
            self.today,
            case.opened_on + datetime.timedelta(days=min(span * 3 // 10, rng.randint(10, 38))),
        )
        self.plan_day = min(
            self.today, self.onderzoek_day + datetime.timedelta(days=rng.randint(5, 15))
        )
        self.worker = case.coordinator
        self.main = case.household.members.order_by("pk").first()
        jeugd = situation.law == LawTrack.JEUGDWET
        self.beslisser = members["hanna" if jeugd else "bram"]
        self.leader = members["ilse" if jeugd else "carla"]

    def __call__(self, case: Case, state: str) -> None:
        self.case = case
        if state == CaseState.PLAN:
            self._onderzoek()
        elif state == CaseState.UITVOERING:
            self._plan_and_support()
        elif state == CaseState.EVALUATIE:
            evaluation.evaluation_plan(
                actor=self.worker,
                case=self._fresh(),
                planned_on=self.today + datetime.timedelta(days=self.rng.randint(0, 20)),
            )
        elif state == CaseState.AFGESLOTEN:
            self._close_out()

    def _fresh(self) -> Case:
        self.case.refresh_from_db()
        return self.case

    def _measure(self, moment: str, day: datetime.date | None = None) -> None:
        scores = ZRM.get(self.situation.key)
        if not scores or self.main is None:
            return
        if moment != "intake":
            scores = {k: (min(5, v + 1), r) for k, (v, r) in scores.items()}
        assessment.assessment_record(
            actor=self.worker,
            case=self._fresh(),
            resident=self.main,
            instrument_code="zrm2017",
            moment=moment,
            measured_on=day or self.today,
            scores=scores,
        )

    def _onderzoek(self) -> None:
        case = self._fresh()
        network = list(case.household.network.all())
        investigation.conversation_add(
            actor=self.worker,
            case=case,
            held_on=self.onderzoek_day,
            place="Aan de keukentafel thuis",
            residents=list(case.household.members.all()),
            network_members=network,
            summary=f"Keukentafelgesprek over de vraag: {self.situation.question}",
        )
        # About one in three residents hands in a persoonlijk plan within its week.
        own_plan = self.rng.random() < 0.35
        investigation.investigation_update(
            actor=self.worker,
            case=case,
            personal_plan_received_on=min(
                self.onderzoek_day, case.opened_on + datetime.timedelta(days=4)
            )
            if own_plan
            else None,
            personal_plan_summary="Wat ik zelf wil: weer zelfstandig boodschappen doen."
            if own_plan
            else "",
            conclusion="Eigen kracht en netwerk zijn benut; aanvullende ondersteuning is nodig.",
        )
        investigation.investigation_complete(
            actor=self.worker, case=self._fresh(), completed_on=self.onderzoek_day
        )
        investigation.verslag_handed(
            actor=self.worker, case=self._fresh(), handed_on=self.onderzoek_day
        )
        self._measure("intake", self.onderzoek_day)

    def _plan_and_support(self) -> None:
        case = self._fresh()
        domain, text = GOALS.get(
            self.situation.key, ("", "Weer zelf de regie over het dagelijks leven.")
        )
        actions = [
            plan.ActionData(
                description="Zelf een weekplanning bijhouden",
                owner_kind="inwoner",
                owner_name=self.main.full_name if self.main else "inwoner",
                goal=0,
            ),
            plan.ActionData(
                description="Wekelijks huisbezoek en meedenken",
                owner_kind="team",
                owner_user_id=self.worker.pk,
                goal=0,
                due_on=self.today + datetime.timedelta(days=28),
            ),
        ]
        spec = DECISIONS.get(self.situation.key)
        if spec is not None:
            actions.append(
                plan.ActionData(
                    description="Ondersteuning door de aanbieder",
                    owner_kind="aanbieder",
                    owner_organisation_id=self.orgs[spec[6]].pk,
                    goal=0,
                )
            )
        plan.plan_save(
            actor=self.worker,
            case=case,
            expected_version=None,
            goals=[plan.GoalData(text=text, domain=domain)],
            actions=actions,
            discussed_on=self.plan_day,
            agreed_on=self.plan_day,
            agreement_note="Mondeling aan de keukentafel",
        )
        if spec is not None:
            self._decide_and_allocate(spec)
        else:
            support = intervention.intervention_start(
                actor=self.worker,
                case=self._fresh(),
                kind="lichte_ondersteuning",
                description="Samen de post openen en een budgetplan maken",
                starts_on=self.plan_day,
                delivered_by=self.worker,
            )
            intervention.time_entry_add(
                actor=self.worker,
                intervention=support,
                worked_on=self.plan_day,
                hours=Decimal("1.5"),
                note="Eerste huisbezoek",
            )
            intervention.intervention_start(
                actor=self.worker,
                case=self._fresh(),
                kind="algemene_voorziening",
                description="Cursus omgaan met geld",
                starts_on=self.plan_day,
                provision_name="Budgetcursus van Schuldhulp Voorbeeld",
            )

    def _decide_and_allocate(self, spec: tuple) -> None:
        law, category, volume, unit, frequency, weeks, provider = spec
        case = self._fresh()
        assert self.main is not None
        intake.case_involve_member(actor=self.worker, case=case, member=self.beslisser)
        request = decision.decision_request(
            actor=self.worker,
            case=case,
            resident=self.main,
            law=law,
            product_category=category,
            volume=volume,
            unit=unit,
            frequency=frequency,
            starts_on=self.today,
            ends_on=self.today + datetime.timedelta(weeks=weeks) - datetime.timedelta(days=1),
            requested_on=max(self.plan_day, self.today - datetime.timedelta(days=14)),
            budget=(volume * weeks * HOURLY_TARIFF[category]).quantize(Decimal("0.01")),
        )
        basis = "jw_2_3" if law == LawTrack.JEUGDWET else "wmo_2_3_5"
        taken = decision.decision_take(
            actor=self.beslisser,
            decision=request,
            outcome="toegekend",
            legal_basis=basis,
            motivation="Uit het onderzoek blijkt dat eigen kracht, netwerk en algemene voorzieningen "
            "niet volstaan; deze ondersteuning is passend.",
        )
        if taken.status == "wacht_op_akkoord":
            if self.rng.random() < 0.5:
                return  # left for the teamleider's second approval (shows in the team queue)
            taken = decision.decision_approve(actor=self.leader, decision=taken)
        decision.decision_made_known(actor=self.beslisser, decision=taken, made_known_on=self.today)
        provider_org = self.orgs[provider]
        reason = "Enige aanbieder met plek deze maand in de wijk."
        intervention.intervention_start(
            actor=self.worker,
            case=self._fresh(),
            kind="maatwerk",
            description=f"Toewijzing aan {provider_org.name}",
            starts_on=self.today,
            decision=taken,
            provider=provider_org,
            product_category=category,
            volume=volume,
            unit=unit,
            frequency=frequency,
            own_employer_reason=reason
            if intervention.own_employer(actor=self.worker, case=case, provider=provider_org)
            else "",
        )

    def _close_out(self) -> None:
        case = self._fresh()
        planned = case.evaluations.filter(held_on__isnull=True).first()
        if planned is None:
            planned = evaluation.evaluation_plan(
                actor=self.worker, case=case, planned_on=self.today
            )
        evaluation.evaluation_record(
            actor=self.worker,
            evaluation=planned,
            held_on=self.today,
            outcome="afsluiten",
            notes="Doelen bereikt, afschalen naar het netwerk.",
        )
        self._measure("eind")


def stage_hook(
    orgs: dict[str, Organisation],
) -> Callable[[Case, Situation, random.Random, dict[str, User]], None]:
    def hook(
        case: Case, situation: Situation, rng: random.Random, members: dict[str, User]
    ) -> None:
        work = StageWork(case=case, situation=situation, rng=rng, members=members, orgs=orgs)
        walk_to(case, situation.target_state, case.coordinator, work)

    return hook
