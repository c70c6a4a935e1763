"""The reports' operations: the generator's beleidsmedewerker and Wmo-raad members are found as
actors, the dashboard and the published overview answer them (and nobody else)."""

import pytest

from bench import ops
from wijkteam.conftest import verified_client
from wijkteam.synthetic.generator import SIZES, generate


@pytest.mark.django_db
def test_dashboard_and_publication_have_actors_and_answer() -> None:
    generate(size=SIZES["tiny"])
    targets = ops.find_targets(count=5)
    by_key = {op.key: op for op in ops.OPERATIONS}
    assert by_key["dashboard"].unavailable(targets) == ""
    assert by_key["publication"].unavailable(targets) == ""
    assert [a.username for a in targets.policy] == ["synbeleid-01"]
    assert [a.username for a in targets.council] == ["synwmoraad-01", "synwmoraad-02"]
    assert targets.policy[0].dashboard_query.startswith("periode=kwartaal&van=")
    from wijkteam.accounts.models import User

    for op, actor in ((by_key["dashboard"], targets.policy[0]),
                      (by_key["publication"], targets.council[0])):  # fmt: skip
        user = User.objects.get(pk=actor.user_id)
        client = verified_client(user)
        page = url_of(op, actor)
        assert client.get(page).status_code == 200, op.key
    member = User.objects.get(pk=targets.members[0].user_id)
    assert (
        verified_client(member).get(url_of(by_key["publication"], targets.council[0])).status_code
        == 404
    )


def url_of(op: ops.Operation, actor: ops.Actor) -> str:
    if op.key == "dashboard":
        return f"{ops.url('accountability:dashboard')}?{actor.dashboard_query}"
    return ops.url("accountability:published", actor.publications[0]) or ""
