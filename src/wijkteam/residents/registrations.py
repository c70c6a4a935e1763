"""What residents contributes to inzage and retention (``wijkteam.privacy.registry``)."""

from django.db.models import Q

from wijkteam.privacy import registry

from .models import Household, Resident


def register() -> None:
    registry.register_inzage("residents.Resident", lambda s: Q(pk=s.resident_id), order=100)
    registry.register_inzage("residents.Household", lambda s: Q(pk=s.household_id), order=110)
    registry.register_inzage(
        "residents.NetworkMember", lambda s: Q(household_id=s.household_id), order=120
    )
    registry.register_inzage(
        "residents.CarerFollowUp",
        lambda s: Q(network_member__household_id=s.household_id),
        order=125,
    )
    # Last of a household's rows: everything else refers to the residents and the household
    # (the network goes with the household).
    registry.register_resident_rows(
        "residents.Resident",
        lambda resident_ids, _household: Resident.objects.filter(pk__in=resident_ids),
        order=900,
    )
    registry.register_resident_rows(
        "residents.Household",
        lambda _ids, household_id: Household.objects.filter(pk=household_id),
        order=1000,
    )
