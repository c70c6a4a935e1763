"""Reads of the area app, always scoped to the acting user (see ``policies``)."""
