import datetime
from decimal import Decimal

import pytest

from wijkteam.organisation import policies
from wijkteam.organisation.constants import DecisionType, TeamRole
from wijkteam.organisation.policies import DecisionRequest
from wijkteam.testing.factories import (
    MandateRuleFactory,
    MembershipFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def maatwerk(**kw: object) -> DecisionRequest:
    return DecisionRequest(
        decision_type=DecisionType.MAATWERKVOORZIENING, product_category="02", **kw
    )


@pytest.fixture
def team():
    team = TeamFactory(flexible=True)
    MandateRuleFactory(
        team=team,
        role=TeamRole.BESLISSER,
        volume_alone=Decimal(10),
        volume_max=Decimal(20),
        weeks_alone=26,
        weeks_max=52,
        budget_alone=Decimal(5000),
        budget_max=Decimal(15000),
    )
    return team


@pytest.fixture
def beslisser(team):
    return MembershipFactory(team=team, roles=[TeamRole.GENERALIST, TeamRole.BESLISSER]).user


class TestDecisionMandate:
    def test_within_alone_limits_is_allowed_without_approval(self, team, beslisser):
        verdict = policies.decision_mandate(
            user=beslisser, team=team, request=maatwerk(volume=Decimal(8))
        )
        assert verdict.allowed and not verdict.needs_second_approval

    def test_between_limits_needs_second_approval(self, team, beslisser):
        verdict = policies.decision_mandate(user=beslisser, team=team, request=maatwerk(weeks=40))
        assert verdict.allowed and verdict.needs_second_approval
        assert "tweede akkoord" in verdict.reason

    def test_above_max_is_outside_the_mandate(self, team, beslisser):
        verdict = policies.decision_mandate(
            user=beslisser, team=team, request=maatwerk(budget=Decimal("15000.01"))
        )
        assert not verdict.allowed
        assert "buiten het mandaat" in verdict.reason

    def test_boundary_values_are_inclusive(self, team, beslisser):
        at_alone = policies.decision_mandate(
            user=beslisser, team=team, request=maatwerk(volume=Decimal(10))
        )
        at_max = policies.decision_mandate(
            user=beslisser, team=team, request=maatwerk(volume=Decimal(20))
        )
        assert at_alone.allowed and not at_alone.needs_second_approval
        assert at_max.allowed and at_max.needs_second_approval

    def test_generalist_without_rule_is_refused(self, team):
        user = MembershipFactory(team=team, roles=[TeamRole.GENERALIST]).user
        verdict = policies.decision_mandate(user=user, team=team, request=maatwerk())
        assert not verdict.allowed
        assert "geeft uw rol geen bevoegdheid" in verdict.reason

    def test_non_member_is_refused(self, team):
        verdict = policies.decision_mandate(user=UserFactory(), team=team, request=maatwerk())
        assert not verdict.allowed and "geen actief lid" in verdict.reason

    def test_member_of_other_team_is_refused(self, team):
        other = TeamFactory()
        MandateRuleFactory(team=other, role=TeamRole.BESLISSER)
        user = MembershipFactory(team=other, roles=[TeamRole.BESLISSER]).user
        assert not policies.decision_mandate(user=user, team=team, request=maatwerk()).allowed

    def test_ended_membership_is_refused(self, team):
        user = MembershipFactory(
            team=team, roles=[TeamRole.BESLISSER], active_until=datetime.date(2021, 1, 1)
        ).user
        assert not policies.decision_mandate(user=user, team=team, request=maatwerk()).allowed

    def test_clientondersteuner_of_the_case_never_decides(self, team, beslisser):
        verdict = policies.decision_mandate(
            user=beslisser, team=team, request=maatwerk(), case_supporter_ids=[beslisser.pk]
        )
        assert not verdict.allowed
        assert "cliëntondersteuner" in verdict.reason

    def test_specific_category_rule_beats_general_rule(self, team, beslisser):
        MandateRuleFactory(
            team=team, role=TeamRole.BESLISSER, product_category="02", weeks_alone=4, weeks_max=8
        )
        verdict = policies.decision_mandate(user=beslisser, team=team, request=maatwerk(weeks=10))
        assert not verdict.allowed  # the category rule (max 8) counts, not the general one (52)

    def test_unknown_or_mismatched_category_is_refused(self, team, beslisser):
        unknown = DecisionRequest(
            decision_type=DecisionType.MAATWERKVOORZIENING, product_category="99"
        )
        jeugd = DecisionRequest(
            decision_type=DecisionType.MAATWERKVOORZIENING, product_category="45"
        )
        assert (
            "Onbekende"
            in policies.decision_mandate(user=beslisser, team=team, request=unknown).reason
        )
        assert not policies.decision_mandate(user=beslisser, team=team, request=jeugd).allowed

    def test_protocol_deviation_needs_permission_and_justification(self, beslisser, team):
        without = maatwerk(deviates_from_protocol=True)
        assert (
            "onderbouwing"
            in policies.decision_mandate(user=beslisser, team=team, request=without).reason
        )
        with_reason = maatwerk(
            deviates_from_protocol=True, deviation_justification="Acute situatie"
        )
        assert policies.decision_mandate(user=beslisser, team=team, request=with_reason).allowed
        team.protocol_deviation_allowed = False
        team.save()
        verdict = policies.decision_mandate(user=beslisser, team=team, request=with_reason)
        assert not verdict.allowed and "afwijken van protocol niet toe" in verdict.reason

    def test_specialist_deployment_needs_doorzettingsmacht(self, team, beslisser):
        MandateRuleFactory(
            team=team, role=TeamRole.GENERALIST, decision_type=DecisionType.SPECIALIST_INZETTEN
        )
        request = DecisionRequest(decision_type=DecisionType.SPECIALIST_INZETTEN)
        assert policies.decision_mandate(user=beslisser, team=team, request=request).allowed
        team.direct_specialist_deployment = False
        team.save()
        assert (
            "doorzettingsmacht"
            in policies.decision_mandate(user=beslisser, team=team, request=request).reason
        )

    def test_most_permissive_role_counts(self, team):
        MandateRuleFactory(team=team, role=TeamRole.TEAMLEIDER, weeks_alone=104)
        user = MembershipFactory(team=team, roles=[TeamRole.BESLISSER, TeamRole.TEAMLEIDER]).user
        verdict = policies.decision_mandate(user=user, team=team, request=maatwerk(weeks=60))
        assert verdict.allowed and not verdict.needs_second_approval


class TestSecondApproval:
    def test_teamleider_approves_someone_elses_decision(self, team, beslisser):
        leader = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER]).user
        assert policies.may_give_second_approval(
            user=leader, team=team, decided_by=beslisser
        ).allowed

    def test_no_approval_of_own_decision(self, team):
        leader = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER, TeamRole.BESLISSER]).user
        assert not policies.may_give_second_approval(
            user=leader, team=team, decided_by=leader
        ).allowed

    def test_non_leader_cannot_approve(self, team, beslisser):
        colleague = MembershipFactory(team=team, roles=[TeamRole.GENERALIST]).user
        assert not policies.may_give_second_approval(
            user=colleague, team=team, decided_by=beslisser
        ).allowed

    def test_leader_of_other_team_cannot_approve(self, team, beslisser):
        leader = MembershipFactory(roles=[TeamRole.TEAMLEIDER]).user
        assert not policies.may_give_second_approval(
            user=leader, team=team, decided_by=beslisser
        ).allowed


class TestAccessRules:
    def test_only_beheerder_configures(self):
        assert policies.can_configure(UserFactory(beheerder=True))
        for user in (UserFactory(), UserFactory(beleid=True), UserFactory(wmoraad=True)):
            assert not policies.can_configure(user)

    def test_case_content_only_for_professionals(self):
        assert policies.may_see_case_content(UserFactory())
        for user in (
            UserFactory(beheerder=True),
            UserFactory(beleid=True),
            UserFactory(wmoraad=True),
        ):
            assert not policies.may_see_case_content(user)

    def test_aggregate_and_published_reports(self):
        assert policies.can_view_aggregate_reports(UserFactory(beleid=True))
        assert not policies.can_view_aggregate_reports(UserFactory(wmoraad=True))
        assert policies.can_view_published_reports(UserFactory(wmoraad=True))
        assert not policies.can_view_published_reports(UserFactory())

    def test_visible_teams_follow_membership(self, team):
        member = MembershipFactory(team=team).user
        other_team = TeamFactory()
        assert list(policies.visible_teams(member)) == [team]
        assert set(policies.visible_teams(UserFactory(beheerder=True))) == {team, other_team}
        assert not policies.visible_teams(UserFactory(beleid=True)).exists()

    def test_team_member_and_leader(self, team):
        leader = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER]).user
        member = MembershipFactory(team=team).user
        assert policies.is_teamleader(leader, team) and not policies.is_teamleader(member, team)
        assert policies.is_team_member(member, team)
        assert not policies.is_team_member(UserFactory(), team)

    def test_future_membership_is_not_active_yet(self, team):
        user = MembershipFactory(team=team, active_from=datetime.date(2999, 1, 1)).user
        assert not policies.is_team_member(user, team)

    def test_roles_of_a_non_professional_account_do_not_count(self, team):
        membership = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER])
        membership.user.system_role = "beleid"
        membership.user.save()
        assert not policies.is_teamleader(membership.user, team)
