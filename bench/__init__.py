"""The benchmark harness (issue 5): ``python -m bench.run`` (``make bench``)."""
