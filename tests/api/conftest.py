from wijkteam.conftest import client_for  # noqa: F401
