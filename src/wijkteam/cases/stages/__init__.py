"""Case page sections, one module per stage (registered with ``sections.register``)."""
