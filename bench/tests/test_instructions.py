"""``bench.instructions``: the count is read from the dump of the measured part only."""

import shutil

import pytest

from bench import instructions


def test_the_measured_dump_gives_the_count(tmp_path):
    # The whole run's dump (part 0, start-up included) must not be read, only part 1.
    (tmp_path / "cg.41").write_text("events: Ir\nsummary: 999999999\n")
    (tmp_path / "cg.41.1").write_text("events: Ir\nfl=(1) x\nsummary: 76733352\n")
    assert instructions._instructions(tmp_path) == 76733352


def test_no_dump_is_an_error(tmp_path):
    with pytest.raises(RuntimeError):
        instructions._instructions(tmp_path)


@pytest.mark.skipif(shutil.which("cc") is None, reason="geen C-compiler")
def test_the_helper_is_compiled_once(tmp_path, monkeypatch):
    if not (instructions.Path("/usr/include/valgrind/callgrind.h")).exists():
        pytest.skip("geen valgrind-headers")
    monkeypatch.setattr(instructions, "HELPER_DIR", tmp_path)
    lib = instructions._helper()
    assert lib.exists()
    made = lib.stat().st_mtime_ns
    assert instructions._helper() == lib
    assert lib.stat().st_mtime_ns == made


def test_tab_operations_one_per_case_tab() -> None:
    from bench import ops

    for tab in ops.CASE_TABS:
        op = instructions.tab_operation(f"tab_{tab}")
        assert op is not None and op.key == f"tab_{tab}" and op.pool == "members"
    assert instructions.tab_operation("tab_nope") is None
    assert instructions.tab_operation("besluiten") is None
    assert instructions.tab_operation("case_tab") is None
