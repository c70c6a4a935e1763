"""``bench.flow_dump``: what is masked, and what ``--compare`` reports."""

import json
from pathlib import Path

from bench import flow_dump


def test_tokens_keys_and_times_of_day_are_masked() -> None:
    html = (
        '<input name="csrfmiddlewaretoken" value="AbC123"><input name="idempotency_key" '
        'value="0123abcd"> besloten om 14:05'
    )
    assert flow_dump._mask(html) == (
        '<input name="csrfmiddlewaretoken" value="…"><input name="idempotency_key" '
        'value="…"> besloten om hh:mm'
    )


def _dump(path: Path, body: str, rows: list[dict[str, object]], queries: int = 3) -> str:
    request = {"request": "GET /x/", "status": 200, "location": "", "queries": queries}
    data = {"op": "x", "requests": [{**request, "body": body}], "rows": {"t": rows}}
    path.write_text(json.dumps(data))
    return str(path)


def test_compare_finds_a_changed_page_and_a_changed_row(tmp_path: Path, capsys) -> None:
    a = _dump(tmp_path / "a.json", "<p>een</p>", [{"id": 1, "x": "a"}])
    assert flow_dump.main(["--compare", a, a]) == 0
    b = _dump(tmp_path / "b.json", "<p>twee</p>", [{"id": 1, "x": "a"}])
    assert flow_dump.main(["--compare", a, b]) == 1
    assert "body verschilt" in capsys.readouterr().out
    c = _dump(tmp_path / "c.json", "<p>een</p>", [{"id": 1, "x": "b"}], queries=4)
    assert flow_dump.main(["--compare", a, c]) == 1
    out = capsys.readouterr().out
    assert "tabel t" in out and "3 -> 4 queries" in out
