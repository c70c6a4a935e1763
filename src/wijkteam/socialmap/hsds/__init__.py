"""Open Referral HSDS 3.0: the vendored JSON schemas (``schema/``), the validator
(``validation.py``) and the export (``export.py``). The import is a write:
``socialmap.services.hsds``."""
