"""A row select's choices normalised once per formset (``forms_plan.Prepared``, ``h-planform``)
give each row's field and widget the same choices as setting them per row did."""

import pytest
from django.utils import translation
from django.utils.safestring import mark_safe

from wijkteam.cases.forms_plan import (
    NO_DOMAIN,
    NO_GOAL,
    NO_MEMBER,
    NO_PROVIDER,
    NO_SERVICE,
    ActionForm,
    GoalForm,
    prepare,
)

LISTS = {
    "goal_choices": [("0", "Doel 1: <&>"), ("1", "Doel 2")],
    "member_choices": [("7", "Zoë O'Neil"), ("8", mark_safe("<b>safe</b>"))],
    "provider_choices": [("3", 'Zorg & "Co"')],
    "service_choices": [],
}
EMPTY = {
    "goal_choices": NO_GOAL,
    "member_choices": NO_MEMBER,
    "provider_choices": NO_PROVIDER,
    "service_choices": NO_SERVICE,
}
FIELDS = {
    "goal_choices": "goal",
    "member_choices": "owner_user",
    "provider_choices": "owner_organisation",
    "service_choices": "service",
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_prepared_choices_are_what_the_setters_make(language):
    with translation.override(language):
        plain = ActionForm(prefix="actions-0", **LISTS)
        prepared = {key: prepare(value, EMPTY[key]) for key, value in LISTS.items()}
        rows = [ActionForm(prefix=f"actions-{i}", **prepared) for i in range(2)]
        for key, name in FIELDS.items():
            expected = plain.fields[name]
            for row in rows:
                field = row.fields[name]
                assert list(field.choices) == list(expected.choices)  # type: ignore[attr-defined]
                assert list(field.widget.choices) == list(expected.widget.choices)  # type: ignore[attr-defined]
                assert field.choices[0][1] is EMPTY[key]  # type: ignore[attr-defined]
            assert str(rows[0][name]) == str(plain[name])
        for value, valid in (("7", True), ("99", False)):
            data = {"actions-0-owner_user": value, "actions-0-goal": "1"}
            bound = ActionForm(data, prefix="actions-0", **prepared)
            reference = ActionForm(data, prefix="actions-0", **LISTS)
            assert bound.is_valid() is reference.is_valid() is valid
            assert bound.errors == reference.errors
            assert bound.cleaned_data == reference.cleaned_data
        goal_plain = GoalForm(domain_choices=[("wonen", "Wonen & <zo>")])
        goal_prepared = GoalForm(domain_choices=prepare([("wonen", "Wonen & <zo>")], NO_DOMAIN))
        assert list(goal_prepared.fields["domain"].choices) == list(  # type: ignore[attr-defined]
            goal_plain.fields["domain"].choices  # type: ignore[attr-defined]
        )
        assert str(goal_prepared["domain"]) == str(goal_plain["domain"])


def test_a_list_prepared_with_another_empty_option_is_refused():
    with pytest.raises(AssertionError):
        GoalForm(domain_choices=prepare([("wonen", "Wonen")], NO_GOAL))
