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
    # By default a member works for the organisation responsible for the team's files, and so
    # sees every category; tests of consent give another organisation explicitly.
    organisation = factory.SelfAttribute("team.responsible_organisation")
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


# ---- residents and cases -----------------------------------------------------------------

from wijkteam.cases.constants import CaseState, Channel, LawTrack, ReferrerKind  # noqa: E402
from wijkteam.cases.models import Case, CoordinatorAssignment, Report  # noqa: E402
from wijkteam.residents.constants import CarerLoad, HouseholdRelation, NetworkRelation  # noqa: E402
from wijkteam.residents.models import Household, NetworkMember, Resident  # noqa: E402


class HouseholdFactory(DjangoModelFactory):
    class Meta:
        model = Household

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Huishouden {n}")


class ResidentFactory(DjangoModelFactory):
    class Meta:
        model = Resident

    household = factory.SubFactory(HouseholdFactory)
    municipality = factory.SelfAttribute("household.municipality")
    household_relation = HouseholdRelation.HOOFDBEWONER
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = datetime.date(1960, 5, 17)
    postcode = "1234AB"
    street = "Dorpsstraat"
    house_number = factory.Sequence(lambda n: str(n + 1))
    city = "Voorbeeld"

    class Params:
        with_bsn = factory.Trait(bsn=factory.Sequence(lambda n: _valid_bsn(n)))


def _valid_bsn(n: int) -> str:
    """The n-th 9-digit number that passes the elfproef (deterministic)."""
    count = 0
    candidate = 100000000
    while True:
        digits = [int(d) for d in f"{candidate:09d}"]
        total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
        if total % 11 == 0:
            if count == n:
                return f"{candidate:09d}"
            count += 1
        candidate += 1


class NetworkMemberFactory(DjangoModelFactory):
    class Meta:
        model = NetworkMember

    household = factory.SubFactory(HouseholdFactory)
    name = factory.Faker("name", locale="nl_NL")
    relation = NetworkRelation.MANTELZORGER
    load = CarerLoad.LICHT

    class Params:
        overloaded = factory.Trait(load=CarerLoad.OVERBELAST)


class CaseFactory(DjangoModelFactory):
    """A case with its household, one resident and a coordinator who is a member of the team."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    team = factory.SubFactory(TeamFactory)
    household = factory.SubFactory(
        HouseholdFactory, municipality=factory.SelfAttribute("..team.municipality")
    )
    law_track = LawTrack.WMO
    state = CaseState.AANGEMELD
    opened_on = datetime.date(2026, 1, 5)
    coordinator = factory.LazyAttribute(
        lambda o: MembershipFactory(team=o.team, roles=[TeamRole.GENERALIST]).user
    )

    class Params:
        onderzoek = factory.Trait(state=CaseState.ONDERZOEK)
        plan = factory.Trait(state=CaseState.PLAN)
        uitvoering = factory.Trait(state=CaseState.UITVOERING)
        evaluatie = factory.Trait(state=CaseState.EVALUATIE)
        afgesloten = factory.Trait(
            state=CaseState.AFGESLOTEN,
            closed_on=datetime.date(2026, 3, 1),
            closure_outcome="bereikt",
            closure_reason="Doelen bereikt",
        )
        jeugd = factory.Trait(law_track=LawTrack.JEUGDWET)

    @factory.post_generation
    def residents(self, create: bool, extracted: int | None, **kwargs: object) -> None:
        if not create:
            return
        for _ in range(extracted if extracted is not None else 1):
            ResidentFactory(household=self.household)
        CoordinatorAssignment.objects.create(
            case=self, coordinator=self.coordinator, assigned_by=self.coordinator
        )


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = Report

    team = factory.SubFactory(TeamFactory)
    resident = factory.SubFactory(
        ResidentFactory, household__municipality=factory.SelfAttribute("...team.municipality")
    )
    channel = Channel.TELEFOON
    referrer_kind = ReferrerKind.ZELF
    question = "Ik red het niet meer met de boodschappen en het huishouden."
    received_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 4, 8, 10, 0, tzinfo=datetime.UTC)
    )
    law_track = LawTrack.WMO
    informed_about_client_support = True
    created_by = factory.LazyAttribute(lambda o: MembershipFactory(team=o.team).user)


# ---- documents ---------------------------------------------------------------------------

import hashlib  # noqa: E402

from django.core.files.base import ContentFile  # noqa: E402

from wijkteam.documents import samples  # noqa: E402
from wijkteam.documents.constants import DocumentType  # noqa: E402
from wijkteam.documents.models import Document  # noqa: E402
from wijkteam.documents.storage import document_storage, new_stored_name  # noqa: E402


class DocumentFactory(DjangoModelFactory):
    """A PDF on a case, its file written to the documents storage (``content=`` for others)."""

    class Meta:
        model = Document

    case = factory.SubFactory(CaseFactory)
    document_type = DocumentType.BRIEF
    description = "Brief van de huisarts"
    content = factory.Sequence(lambda n: samples.pdf(f"Brief {n}"))
    original_name = factory.Sequence(lambda n: f"brief-{n}.pdf")
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda o: len(o.content))
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())
    stored_name = factory.LazyFunction(new_stored_name)
    uploaded_by = factory.LazyAttribute(lambda o: o.case.coordinator)

    class Params:
        medisch = factory.Trait(
            document_type=DocumentType.MEDISCHE_VERKLARING, description="Verklaring huisarts"
        )

    @classmethod
    def _build(cls, model_class: type, *args: object, **kwargs: object) -> Document:
        kwargs.pop("content")
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create(cls, model_class: type, *args: object, **kwargs: object) -> Document:
        content = kwargs.pop("content")
        assert isinstance(content, bytes)
        document_storage().save(str(kwargs["stored_name"]), ContentFile(content))
        return super()._create(model_class, *args, **kwargs)


class MapOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = "socialmap.MapOrganisation"

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Stichting Kaart {n}")
    description = "Welzijn in de wijk."


class MapServiceFactory(DjangoModelFactory):
    """A social-map service (an active general provision for the whole municipality)."""

    class Meta:
        model = "socialmap.Service"

    organisation = factory.SubFactory(MapOrganisationFactory)
    name = factory.Sequence(lambda n: f"Dienst {n}")
    description = "Een plek om elkaar te ontmoeten."
    whole_municipality = True
    life_domains = "|sociaal_netwerk|"
    target_groups = "|iedereen|"


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = "socialmap.Initiative"

    district = factory.SubFactory(DistrictFactory)
    municipality = factory.SelfAttribute("district.municipality")
    name = factory.Sequence(lambda n: f"Initiatief {n}")
    description = "Samen koken op woensdag."
    created_by = factory.SubFactory(UserFactory)
