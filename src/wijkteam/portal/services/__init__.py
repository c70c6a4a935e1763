"""Every write the portal makes: keyword-only ``<noun>_<verb>``, one transaction, audit inside."""
