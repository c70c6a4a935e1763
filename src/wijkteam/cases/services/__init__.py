"""Casework writes, one module per stage: each service is keyword-only, one transaction, audited."""
