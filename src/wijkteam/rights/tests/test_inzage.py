"""Inzage (AVG art. 15) and correction (art. 16): registration, terms, the generic export."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkteam import deadlines
from wijkteam.cases.services.terms import atw_calendar
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.privacy.registry import inzage_sections
from wijkteam.rights import inzage, pdf, services
from wijkteam.rights.inzage import build_export
from wijkteam.rights.models import CorrectionRequest, InzageRequest
from wijkteam.rights.tests.fullcase import build_full_case
from wijkteam.testing.pdf import pdf_text

pytestmark = pytest.mark.django_db


def register(world, **overrides):
    kwargs = {
        "actor": world.coordinator,
        "resident": world.resident,
        "received_on": datetime.date(2026, 4, 30),
        "requested_by": "inwoner",
        "received_via": "brief",
    }
    kwargs.update(overrides)
    return services.inzage_register(**kwargs)


def test_register_computes_the_one_month_term_with_the_atw(world):
    request = register(world)
    expected = deadlines.compute_due(
        "avg_inzage", datetime.date(2026, 4, 30), calendar=atw_calendar()
    )
    assert request.due_on == expected
    # 30 May 2026 is a Saturday: the Atw moves the end to Monday 1 June.
    assert request.due_on == datetime.date(2026, 6, 1)
    assert AccessLogEntry.objects.filter(
        action=AccessAction.CREATE, object_type="rights.InzageRequest"
    ).exists()


def test_register_for_a_resident_out_of_scope_is_refused_logged_and_stores_nothing(world):
    with pytest.raises(PermissionDenied) as exc:
        register(world, actor=world.outsider)
    assert "niet inzien" in str(exc.value)
    assert not InzageRequest.objects.exists()
    refused = AccessLogEntry.objects.get(action=AccessAction.REFUSED)
    assert refused.resident_ids == [world.resident.pk]
    assert refused.user == world.outsider


def test_register_refuses_a_date_in_the_future_and_bad_codes(world):
    with pytest.raises(ValidationError) as exc:
        register(
            world,
            received_on=timezone.localdate() + datetime.timedelta(days=1),
            requested_by="buurman",
            received_via="duif",
        )
    errors = exc.value.message_dict
    assert errors["received_on"] == ["De ontvangstdatum kan niet in de toekomst liggen."]
    assert "requested_by" in errors and "received_via" in errors
    assert not InzageRequest.objects.exists()


def test_extend_once_by_two_months_within_the_term(world):
    request = register(world, received_on=timezone.localdate())
    extended = services.inzage_extend(actor=world.coordinator, request=request, reason="Omvangrijk")
    term = deadlines.compute_term("avg_inzage", request.received_on, calendar=atw_calendar())
    assert extended.due_on == deadlines.extend(term, reason="x").due
    assert extended.due_on > request.due_on
    with pytest.raises(ValidationError) as exc:
        services.inzage_extend(actor=world.coordinator, request=extended, reason="nog eens")
    assert "maar één keer" in exc.value.messages[0]


def test_extend_after_the_term_or_without_reason_is_refused(world):
    request = register(world, received_on=datetime.date(2025, 1, 6))
    with pytest.raises(ValidationError) as exc:
        services.inzage_extend(actor=world.coordinator, request=request, reason=" ")
    assert "reden" in exc.value.message_dict["reason"][0]
    with pytest.raises(ValidationError) as exc:
        services.inzage_extend(actor=world.coordinator, request=request, reason="te laat")
    assert "verstreken" in exc.value.messages[0]
    request.refresh_from_db()
    assert not request.extended


def test_complete(world):
    request = register(world)
    with pytest.raises(ValidationError):
        services.inzage_complete(
            actor=world.coordinator, request=request, provided_on=datetime.date(2026, 4, 1)
        )
    with pytest.raises(ValidationError):
        services.inzage_complete(
            actor=world.coordinator,
            request=request,
            provided_on=timezone.localdate() + datetime.timedelta(days=2),
        )
    done = services.inzage_complete(
        actor=world.coordinator, request=request, provided_on=datetime.date(2026, 5, 20)
    )
    assert done.status == "verstrekt"
    with pytest.raises(ValidationError) as exc:
        services.inzage_complete(
            actor=world.coordinator, request=done, provided_on=datetime.date(2026, 5, 21)
        )
    assert "al afgehandeld" in exc.value.messages[0]


def test_correction_is_registered_and_decided_with_its_outcome(world):
    correction = services.correction_register(
        actor=world.coordinator,
        resident=world.resident,
        received_on=datetime.date(2026, 4, 30),
        concerns="Het adres klopt niet",
        requested_change="Dorpsstraat 2 in plaats van 1",
    )
    assert correction.due_on == datetime.date(2026, 6, 1)
    with pytest.raises(ValidationError) as exc:
        services.correction_decide(
            actor=world.coordinator, correction=correction, outcome="afgewezen"
        )
    assert "Motiveer" in exc.value.message_dict["note"][0]
    decided = services.correction_decide(
        actor=world.coordinator, correction=correction, outcome="toegewezen"
    )
    assert decided.decided_by == world.coordinator
    with pytest.raises(ValidationError) as exc:
        services.correction_decide(
            actor=world.coordinator, correction=decided, outcome="deels", note="x"
        )
    assert "al beslist" in exc.value.messages[0]


def test_correction_refusals_store_nothing(world):
    with pytest.raises(ValidationError) as exc:
        services.correction_register(
            actor=world.coordinator,
            resident=world.resident,
            received_on=None,
            concerns="",
            requested_change="",
        )
    assert set(exc.value.message_dict) == {"received_on", "concerns", "requested_change"}
    with pytest.raises(PermissionDenied):
        services.correction_register(
            actor=world.outsider,
            resident=world.resident,
            received_on=datetime.date(2026, 1, 1),
            concerns="x",
            requested_change="y",
        )
    assert not CorrectionRequest.objects.exists()


# ---- the generic export ----------------------------------------------------------------------


def test_the_export_holds_a_value_from_every_model_of_a_fully_populated_case(db):
    full = build_full_case()
    data = build_export(full.resident)
    sections = {s["model"]: s for s in data["sections"]}
    assert set(sections) == {section.label for section in inzage_sections()}
    for label, marker in full.markers.items():
        section = sections[label]
        assert section["records"], f"{label} is leeg"
        assert marker in json.dumps(section["records"], ensure_ascii=False), f"{label}: {marker}"
    assert set(full.markers) == set(sections), "elk model heeft een controlewaarde"
    text = json.dumps(data, ensure_ascii=False)
    assert "NOT-MINE-decision" not in text  # another member's own decision is not included
    assert all(r["id"] == full.resident.pk for r in sections["residents.Resident"]["records"])


def test_the_export_writes_foreign_keys_and_choices_as_ids_and_labels(db):
    full = build_full_case()
    data = build_export(full.resident)
    decision = next(s for s in data["sections"] if s["model"] == "cases.Decision")["records"][0]
    assert decision["case"] == {"id": full.case.pk, "label": str(full.case)}
    assert decision["unit"] == {"value": "04", "label": "uur"}
    assert decision["volume"] == "4.00"
    conversation = next(s for s in data["sections"] if s["model"] == "cases.Conversation")
    assert conversation["records"][0]["residents"] == [
        {"id": full.resident.pk, "label": full.resident.full_name}
    ]
    assert conversation["fields"]["place"] == "plaats"


def test_a_new_field_is_exported_without_changing_the_exporter(db, monkeypatch):
    """The exporter walks the model's fields: a field added later is in the export."""
    from django.db import models

    from wijkteam.cases.models import Goal

    full = build_full_case()
    goal = Goal.objects.get(plan__case=full.case)
    extra = models.CharField(name="extra_note", max_length=10, default="")
    extra.set_attributes_from_name("extra_note")
    extra.model = Goal
    monkeypatch.setattr(Goal._meta, "concrete_fields", (*Goal._meta.concrete_fields, extra))
    goal.extra_note = "NIEUW"
    data = inzage.serialize(goal)
    assert data["extra_note"] == "NIEUW"


def test_the_export_includes_the_access_overview_and_is_logged(world):
    request = register(world)
    data = inzage.inzage_export(user=world.coordinator, request=request, fmt="json")
    assert data["request"]["due_on"] == "2026-06-01"
    assert any(row["action"] == "create" for row in data["access_overview"])
    export = AccessLogEntry.objects.filter(action=AccessAction.EXPORT).get()
    assert export.resident_ids == [world.resident.pk]


def test_the_pdf_export_is_readable_text(db):
    full = build_full_case()
    text = pdf_text(pdf.inzage_pdf(build_export(full.resident)))
    assert "MARK-decision" in text
    assert "MARK-snapshot" in text
    assert "Merkwaardig" in text
