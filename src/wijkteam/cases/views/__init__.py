"""Casework screens, one module per stage; each module defines its own ``urlpatterns``."""
