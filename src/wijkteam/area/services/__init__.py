"""Writes of the area app: keyword-only ``<noun>_<verb>``, one transaction each, audit inside."""
