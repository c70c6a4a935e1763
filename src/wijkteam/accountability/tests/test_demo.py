import pytest

from wijkteam.accountability.demo import add_demo_figures
from wijkteam.accountability.models import Aggregate, PublishedOverview
from wijkteam.complaints.models import SurveyResponse
from wijkteam.organisation.demo import load_demo
from wijkteam.organisation.models import Team


@pytest.mark.django_db
def test_demo_figures_give_the_beleidsmedewerker_data() -> None:
    load_demo()
    rows = add_demo_figures(answers_per_team=3)
    teams = Team.objects.count()
    assert SurveyResponse.objects.count() == 3 * teams
    assert rows == Aggregate.objects.count() > 0
    assert Aggregate.objects.filter(metric="cevo.q1.n").exists()


@pytest.mark.django_db
def test_the_demo_leaves_one_published_overview_for_the_wmo_raad() -> None:
    load_demo()
    add_demo_figures(answers_per_team=12)
    version = PublishedOverview.objects.get()
    assert version.number == 1 and version.period_label.endswith(("K1", "K2", "K3", "K4"))
    assert {s["point"] for s in version.sections} >= {1, 2, 8}
