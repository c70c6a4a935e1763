from wijkteam.cases.tests.test_decision_fixtures import world

__all__ = ["world"]
