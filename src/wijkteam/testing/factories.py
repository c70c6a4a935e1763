"""factory-boy factories with traits for domain states (used by tests and benchmarks)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from wijkteam.accounts.constants import SystemRole
from wijkteam.accounts.models import User
from wijkteam.organisation.constants import (
    DecisionType,
    Discipline,
    OrganisationKind,
    Positioning,
    TargetGroup,
    TeamModel,
    TeamRole,
)
from wijkteam.organisation.models import (
    District,
    MandateRule,
    Membership,
    MembershipRole,
    Municipality,
    Neighbourhood,
    Organisation,
    Team,
)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "Wachtwoord-voor-tests-1")
    system_role = SystemRole.PROFESSIONAL

    class Params:
        beheerder = factory.Trait(system_role=SystemRole.FUNCTIONEEL_BEHEERDER)
        beleid = factory.Trait(system_role=SystemRole.BELEIDSMEDEWERKER)
        wmoraad = factory.Trait(system_role=SystemRole.WMO_RAAD)

    @classmethod
    def _after_postgeneration(
        cls, instance: User, create: bool, results: dict | None = None
    ) -> None:
        if create:
            instance.save()


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("cbs_code",)

    name = "Gemeente Test"
    cbs_code = "GM0001"


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Wijk {n}")
    cbs_code = factory.LazyAttributeSequence(
        lambda o, n: f"WK{o.municipality.cbs_code[2:]}{n % 100:02d}"
    )


class NeighbourhoodFactory(DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Buurt {n}")
    cbs_code = factory.LazyAttributeSequence(
        lambda o, n: f"BU{o.district.cbs_code[2:]}{n % 100:02d}"
    )


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.WELZIJN

    class Params:
        aanbieder = factory.Trait(kind=OrganisationKind.ZORGAANBIEDER, agb_code="12345678")


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Wijkteam {n}")
    model = TeamModel.INTEGRAAL
    positioning = Positioning.EIGEN_BEHEER
    target_group = TargetGroup.ALLE_WIJKBEWONERS
    responsible_organisation = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..municipality")
    )

    class Params:
        jeugd = factory.Trait(target_group=TargetGroup.EEN_DOMEIN, target_domain="jeugd")
        flexible = factory.Trait(protocol_deviation_allowed=True, direct_specialist_deployment=True)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..team.municipality")
    )
    discipline = Discipline.WELZIJNSWERKER
    active_from = datetime.date(2020, 1, 1)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if not create:
            return
        for role in extracted if extracted is not None else [TeamRole.GENERALIST]:
            MembershipRole.objects.create(membership=self, role=role)


class MandateRuleFactory(DjangoModelFactory):
    class Meta:
        model = MandateRule

    team = factory.SubFactory(TeamFactory)
    role = TeamRole.BESLISSER
    decision_type = DecisionType.MAATWERKVOORZIENING
