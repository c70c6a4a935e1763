from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wijkteam.audit.models import AuditEvent
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.organisation import services
from wijkteam.organisation.constants import Function, TeamRole
from wijkteam.organisation.models import (
    District,
    MandateRule,
    Membership,
    Neighbourhood,
    Organisation,
    Team,
)
from wijkteam.testing.factories import (
    DistrictFactory,
    MandateRuleFactory,
    MembershipFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def gm():
    return MunicipalityFactory(cbs_code="GM0363", name="Amsterdam")


class TestAreas:
    @pytest.mark.parametrize("code", ["WK03630", "WK036301X", "wk036301", "WK0363-1", ""])
    def test_invalid_wijk_code_is_refused(self, beheerder, gm, code):
        with pytest.raises(ValidationError) as exc:
            services.district_save(
                actor=beheerder, district=District(municipality=gm, name="A", cbs_code=code)
            )
        assert "cbs_code" in exc.value.message_dict
        assert not District.objects.exists()

    def test_wijk_of_another_municipality_is_refused(self, beheerder, gm):
        with pytest.raises(ValidationError) as exc:
            services.district_save(
                actor=beheerder, district=District(municipality=gm, name="A", cbs_code="WK059901")
            )
        assert "WK0363" in exc.value.message_dict["cbs_code"][0]

    def test_letters_are_allowed_in_wijk_and_buurt_parts(self, beheerder, gm):
        wijk = services.district_save(
            actor=beheerder, district=District(municipality=gm, name="A", cbs_code="WK0363A1")
        )
        buurt = services.neighbourhood_save(
            actor=beheerder,
            neighbourhood=Neighbourhood(district=wijk, name="B", cbs_code="BU0363A1B2"),
        )
        assert buurt.pk

    def test_buurt_outside_its_wijk_is_refused(self, beheerder, gm):
        wijk = DistrictFactory(municipality=gm, cbs_code="WK036301")
        with pytest.raises(ValidationError) as exc:
            services.neighbourhood_save(
                actor=beheerder,
                neighbourhood=Neighbourhood(district=wijk, name="B", cbs_code="BU03630201"),
            )
        assert "ligt niet in wijk" in exc.value.message_dict["cbs_code"][0]
        assert not Neighbourhood.objects.exists()

    def test_invalid_gemeente_code(self, beheerder):
        from wijkteam.organisation.models import Municipality

        with pytest.raises(ValidationError):
            services.municipality_save(
                actor=beheerder, municipality=Municipality(name="X", cbs_code="GM12")
            )


class TestOrganisation:
    def test_agb_code_must_be_8_digits(self, beheerder, gm):
        with pytest.raises(ValidationError) as exc:
            services.organisation_save(
                actor=beheerder,
                organisation=Organisation(
                    municipality=gm, name="Z", kind="zorgaanbieder", agb_code="1234"
                ),
            )
        assert "agb_code" in exc.value.message_dict

    def test_create_writes_audit_event(self, beheerder, gm):
        org = services.organisation_save(
            actor=beheerder, organisation=Organisation(municipality=gm, name="Z", kind="welzijn")
        )
        event = AuditEvent.objects.get(
            object_id=str(org.pk), object_type="organisation.Organisation"
        )
        assert event.action == "create" and event.actor == beheerder
        assert event.changes["name"] == "Z"


class TestTeam:
    def test_duplicate_team_name_in_one_municipality_is_refused(self, beheerder):
        existing = TeamFactory(name="Wijkteam Oost")
        duplicate = Team(
            municipality=existing.municipality,
            name="Wijkteam Oost",
            model="integraal",
            positioning="eigen_beheer",
            target_group="alle",
            responsible_organisation=existing.responsible_organisation,
        )
        with pytest.raises(ValidationError) as exc:
            services.team_save(actor=beheerder, team=duplicate, functions=[], neighbourhoods=[])
        assert "__all__" in exc.value.message_dict or "name" in exc.value.message_dict
        assert Team.objects.count() == 1

    def test_same_name_in_another_municipality_is_fine(self, beheerder):
        TeamFactory(name="Wijkteam Oost")
        other = MunicipalityFactory(cbs_code="GM0002", name="Elders")
        team = TeamFactory.build(
            name="Wijkteam Oost",
            municipality=other,
            responsible_organisation=OrganisationFactory(municipality=other),
        )
        assert services.team_save(actor=beheerder, team=team, functions=[], neighbourhoods=[]).pk

    def test_domain_only_with_single_domain_target_group(self, beheerder):
        team = TeamFactory.build(
            responsible_organisation=OrganisationFactory(), target_group="domein"
        )
        with pytest.raises(ValidationError) as exc:
            services.team_save(actor=beheerder, team=team, functions=[], neighbourhoods=[])
        assert "target_domain" in exc.value.message_dict

    def test_functions_and_area_are_stored_and_audited(self, beheerder):
        team = TeamFactory()
        buurt = NeighbourhoodFactory(district__municipality=team.municipality)
        services.team_save(
            actor=beheerder,
            team=team,
            functions=[Function.TOEGANG, Function.SIGNALEREN],
            neighbourhoods=[buurt],
            expected_version=team.version,
        )
        assert set(team.functions.values_list("function", flat=True)) == {"toegang", "signaleren"}
        assert list(team.neighbourhoods.all()) == [buurt]
        event = AuditEvent.objects.filter(object_type="organisation.Team", action="update").get()
        assert event.changes["functions"] == [[], ["signaleren", "toegang"]]
        services.team_save(
            actor=beheerder,
            team=team,
            functions=[Function.TOEGANG],
            neighbourhoods=[],
            expected_version=team.version,
        )
        assert list(team.functions.values_list("function", flat=True)) == ["toegang"]

    def test_area_of_another_municipality_is_refused(self, beheerder):
        team = TeamFactory()
        elsewhere = NeighbourhoodFactory(
            district__municipality=MunicipalityFactory(cbs_code="GM0002"),
        )
        with pytest.raises(ValidationError):
            services.team_save(actor=beheerder, team=team, functions=[], neighbourhoods=[elsewhere])

    def test_stale_version_is_refused_and_nothing_changes(self, beheerder):
        team = TeamFactory(name="Origineel")
        first = Team.objects.get(pk=team.pk)
        second = Team.objects.get(pk=team.pk)
        first.name = "Eerste"
        services.team_save(
            actor=beheerder, team=first, functions=[], neighbourhoods=[], expected_version=1
        )
        second.name = "Tweede"
        with pytest.raises(ConcurrentEditError):
            services.team_save(
                actor=beheerder,
                team=second,
                functions=["toegang"],
                neighbourhoods=[],
                expected_version=1,
            )
        team.refresh_from_db()
        assert team.name == "Eerste" and team.version == 2
        assert not team.functions.exists()

    @pytest.mark.parametrize("role", ["", "beleid", "wmoraad"])
    def test_only_beheerder_may_configure(self, role):
        actor = UserFactory(system_role=role or "professional")
        with pytest.raises(PermissionDenied):
            services.team_save(
                actor=actor, team=TeamFactory.build(), functions=[], neighbourhoods=[]
            )


class TestMembership:
    def test_member_without_organisation_is_refused(self, beheerder):
        team = TeamFactory()
        membership = Membership(
            team=team, user=UserFactory(), discipline="welzijnswerker", active_from="2026-01-01"
        )
        with pytest.raises(ValidationError) as exc:
            services.membership_save(actor=beheerder, membership=membership, roles=["generalist"])
        assert "organisation" in exc.value.message_dict
        assert not Membership.objects.exists()

    def test_member_needs_a_role(self, beheerder):
        team = TeamFactory()
        membership = Membership(
            team=team,
            user=UserFactory(),
            organisation=team.responsible_organisation,
            discipline="welzijnswerker",
            active_from="2026-01-01",
        )
        with pytest.raises(ValidationError) as exc:
            services.membership_save(actor=beheerder, membership=membership, roles=[])
        assert "roles" in exc.value.message_dict

    def test_inverted_period_is_refused(self, beheerder):
        team = TeamFactory()
        membership = Membership(
            team=team,
            user=UserFactory(),
            organisation=team.responsible_organisation,
            discipline="welzijnswerker",
            active_from="2026-02-01",
            active_until="2026-01-01",
        )
        with pytest.raises(ValidationError) as exc:
            services.membership_save(actor=beheerder, membership=membership, roles=["generalist"])
        assert "active_until" in exc.value.message_dict

    def test_member_in_two_teams_and_roles_change(self, beheerder):
        user = UserFactory()
        MembershipFactory(user=user)
        team = TeamFactory()
        membership = services.membership_save(
            actor=beheerder,
            membership=Membership(
                team=team,
                user=user,
                organisation=team.responsible_organisation,
                discipline="wmo_consulent",
                active_from="2026-01-01",
            ),
            roles=[TeamRole.GENERALIST, TeamRole.BESLISSER],
        )
        assert Membership.objects.filter(user=user).count() == 2
        services.membership_save(
            actor=beheerder,
            membership=membership,
            roles=[TeamRole.TEAMLEIDER],
            expected_version=membership.version,
        )
        assert list(membership.roles.values_list("role", flat=True)) == ["teamleider"]

    def test_employer_from_other_municipality_is_refused(self, beheerder):
        team = TeamFactory()
        foreign = OrganisationFactory(municipality=MunicipalityFactory(cbs_code="GM0002"))
        with pytest.raises(ValidationError) as exc:
            services.membership_save(
                actor=beheerder,
                membership=Membership(
                    team=team,
                    user=UserFactory(),
                    organisation=foreign,
                    discipline="wijkagent",
                    active_from="2026-01-01",
                ),
                roles=["generalist"],
            )
        assert "organisation" in exc.value.message_dict


class TestMandateRule:
    @pytest.mark.parametrize(
        ("field", "value"),
        [("volume_alone", Decimal(-1)), ("budget_max", Decimal("-0.01")), ("weeks_alone", -3)],
    )
    def test_negative_limit_is_refused(self, beheerder, field, value):
        rule = MandateRule(
            team=TeamFactory(), role="beslisser", decision_type="maatwerk", **{field: value}
        )
        with pytest.raises(ValidationError) as exc:
            services.mandate_rule_save(actor=beheerder, rule=rule)
        assert field in exc.value.message_dict
        assert not MandateRule.objects.exists()

    def test_inverted_limits_are_refused(self, beheerder):
        rule = MandateRule(
            team=TeamFactory(),
            role="beslisser",
            decision_type="maatwerk",
            budget_alone=Decimal(5000),
            budget_max=Decimal(1000),
        )
        with pytest.raises(ValidationError) as exc:
            services.mandate_rule_save(actor=beheerder, rule=rule)
        assert "minstens zo hoog" in exc.value.message_dict["budget_max"][0]

    def test_category_must_fit_the_law(self, beheerder):
        rule = MandateRule(
            team=TeamFactory(), role="beslisser", decision_type="individueel", product_category="02"
        )
        with pytest.raises(ValidationError) as exc:
            services.mandate_rule_save(actor=beheerder, rule=rule)
        assert "product_category" in exc.value.message_dict

    def test_duplicate_rule_is_refused(self, beheerder):
        existing = MandateRuleFactory()
        duplicate = MandateRule(
            team=existing.team, role=existing.role, decision_type=existing.decision_type
        )
        with pytest.raises(ValidationError):
            services.mandate_rule_save(actor=beheerder, rule=duplicate)

    def test_delete_is_audited_and_checks_version(self, beheerder):
        rule = MandateRuleFactory()
        with pytest.raises(ConcurrentEditError):
            services.mandate_rule_delete(
                actor=beheerder, rule=rule, expected_version=rule.version + 1
            )
        services.mandate_rule_delete(actor=beheerder, rule=rule, expected_version=rule.version)
        assert not MandateRule.objects.exists()
        assert AuditEvent.objects.filter(
            action="delete", object_type="organisation.MandateRule"
        ).exists()
