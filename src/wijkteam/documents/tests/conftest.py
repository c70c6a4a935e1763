"""Fixtures of the documents tests: a case, its workers, a partner organisation, and a fresh
in-memory documents storage for every test."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import Storage

from wijkteam.accounts.models import User
from wijkteam.cases.models import Case
from wijkteam.documents.storage import document_storage
from wijkteam.organisation.constants import OrganisationKind, TeamRole
from wijkteam.organisation.models import Organisation
from wijkteam.privacy.models import Consent
from wijkteam.residents.models import Resident
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
)


@dataclass
class World:
    case: Case
    residents: list[Resident]
    regisseur: User  # employed by the responsible organisation: sees everything
    partner: User  # involved, employed by a provider with consent for onderzoek only
    leader: User
    outsider: User  # member of another team
    provider: Organisation


def member(team, *, organisation=None, roles=None, involve: Case | None = None) -> User:
    kwargs = {"team": team, "roles": roles or [TeamRole.GENERALIST]}
    if organisation is not None:
        kwargs["organisation"] = organisation
    user = MembershipFactory(**kwargs).user
    if involve is not None:
        involve.involved_members.add(user)
    return user


@pytest.fixture(autouse=True)
def storage(settings) -> Storage:
    """A fresh in-memory documents storage for this test only."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return document_storage()


def stored_files(storage: Storage, path: str = "") -> list[str]:
    folders, files = storage.listdir(path)
    found = [f"{path}/{name}".lstrip("/") for name in files]
    for folder in folders:
        found += stored_files(storage, f"{path}/{folder}".lstrip("/"))
    return found


def upload(name: str, data: bytes) -> ContentFile:
    return ContentFile(data, name=name)


@pytest.fixture
def world(db) -> World:
    team = TeamFactory()
    provider = OrganisationFactory(
        municipality=team.municipality, kind=OrganisationKind.ZORGAANBIEDER
    )
    regisseur = member(team, organisation=team.responsible_organisation)
    case = CaseFactory(team=team, coordinator=regisseur, uitvoering=True, residents=2)
    partner = member(team, organisation=provider, involve=case)
    leader = member(team, organisation=team.responsible_organisation, roles=[TeamRole.TEAMLEIDER])
    outsider = member(TeamFactory(municipality=team.municipality))
    residents = list(case.household.members.order_by("pk"))
    for resident in residents:
        Consent.objects.create(
            resident=resident,
            organisation=provider,
            purpose="Afstemmen van de ondersteuning",
            categories=["onderzoek"],
            given_how="mondeling",
            valid_from=datetime.date(2026, 1, 5),
            recorded_by=regisseur,
        )
    return World(
        case=case,
        residents=residents,
        regisseur=regisseur,
        partner=partner,
        leader=leader,
        outsider=outsider,
        provider=provider,
    )
