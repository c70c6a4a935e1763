"""The clamd client against a real socket (the fake clamd of ``wijkteam.testing``), and the
system checks of its settings."""

import io
import logging
from typing import Any

import pytest

from wijkteam.core import checks, virus_scan
from wijkteam.testing.fake_clamd import EICAR, SIGNATURE, fake_clamd, unreachable_address


@pytest.fixture
def clamd(settings: Any) -> Any:
    with fake_clamd() as server:
        settings.VIRUS_SCAN = "clamd"
        settings.CLAMD_ADDRESS = server.address
        settings.CLAMD_TIMEOUT = 5
        yield server


def test_a_clean_file_passes_and_the_stream_is_rewound(clamd: Any) -> None:
    stream = io.BytesIO(b"%PDF-1.4 gewone brief")
    virus_scan.scan(stream)
    assert stream.tell() == 0
    assert clamd.received.commands == [b"zINSTREAM\0"]
    assert clamd.received.streams == [b"%PDF-1.4 gewone brief"]


def test_eicar_is_found_with_its_signature(clamd: Any, caplog: Any) -> None:
    with caplog.at_level(logging.WARNING), pytest.raises(virus_scan.VirusFound) as found:
        virus_scan.scan(io.BytesIO(EICAR))
    assert found.value.signature == SIGNATURE
    assert SIGNATURE in caplog.text


def test_a_large_file_goes_in_chunks_with_a_terminator(clamd: Any) -> None:
    data = bytes(range(256)) * 1024 + EICAR  # 256 KiB, the test string in the last chunk
    with pytest.raises(virus_scan.VirusFound):
        virus_scan.scan(io.BytesIO(data))
    chunks = clamd.received.chunks
    assert len(chunks) == 5 and max(chunks) == virus_scan.CHUNK_BYTES
    assert sum(chunks) == len(data) and clamd.received.streams == [data]


def test_a_small_chunk_size_is_honoured(clamd: Any) -> None:
    address = virus_scan.parse_address(clamd.address)
    virus_scan.clamd_scan(io.BytesIO(b"x" * 10), address=address, timeout=5, chunk_bytes=3)
    assert clamd.received.chunks == [3, 3, 3, 1]


def test_an_error_answer_fails_closed(clamd: Any) -> None:
    clamd.answer("Can't allocate memory ERROR")
    with pytest.raises(virus_scan.ScanUnavailable) as refused:
        virus_scan.scan(io.BytesIO(b"gewoon"))
    assert not isinstance(refused.value, virus_scan.ScanTooLarge)


@pytest.mark.parametrize("size", [100 * 1024, 8 * 1024 * 1024])
def test_past_the_stream_limit_clamds_answer_is_read_after_the_broken_pipe(
    settings: Any, caplog: Any, size: int
) -> None:
    # clamd answers "size limit exceeded" and hangs up while the client still sends; a large
    # file breaks the pipe first, a small one fits in the socket buffers: the same verdict
    with fake_clamd(stream_max=64 * 1024) as server:
        settings.VIRUS_SCAN = "clamd"
        settings.CLAMD_ADDRESS = server.address
        with caplog.at_level(logging.ERROR), pytest.raises(virus_scan.ScanTooLarge):
            virus_scan.scan(io.BytesIO(b"x" * size))
    assert "StreamMaxLength" in caplog.text


def test_an_unreachable_clamd_fails_closed(settings: Any, caplog: Any) -> None:
    settings.VIRUS_SCAN = "clamd"
    settings.CLAMD_ADDRESS = unreachable_address()
    with caplog.at_level(logging.ERROR), pytest.raises(virus_scan.ScanUnavailable):
        virus_scan.scan(io.BytesIO(b"gewoon"))
    assert "Virusscan niet mogelijk" in caplog.text


@pytest.mark.parametrize(("mode", "address"), [("clamd", ""), ("clamav", "127.0.0.1:3310")])
def test_a_setting_that_makes_no_sense_fails_closed(settings: Any, mode: str, address: str) -> None:
    settings.VIRUS_SCAN = mode
    settings.CLAMD_ADDRESS = address
    with pytest.raises(virus_scan.ScanUnavailable):
        virus_scan.scan(io.BytesIO(b"gewoon"))


def test_none_scans_nothing(settings: Any) -> None:
    settings.VIRUS_SCAN = "none"
    settings.CLAMD_ADDRESS = unreachable_address()
    virus_scan.scan(io.BytesIO(EICAR))  # no connection attempted


def test_a_unix_socket(settings: Any, tmp_path: Any) -> None:
    with fake_clamd(unix_path=str(tmp_path / "clamd.ctl")) as server:
        settings.VIRUS_SCAN = "clamd"
        settings.CLAMD_ADDRESS = server.address
        assert server.address.startswith("/")
        virus_scan.scan(io.BytesIO(b"schoon"))
        with pytest.raises(virus_scan.VirusFound):
            virus_scan.scan(io.BytesIO(EICAR))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("127.0.0.1:3310", virus_scan.Address(host="127.0.0.1", port=3310)),
        ("clamav:3310", virus_scan.Address(host="clamav", port=3310)),
        ("[::1]:3310", virus_scan.Address(host="::1", port=3310)),
        ("/run/clamav/clamd.ctl", virus_scan.Address(path="/run/clamav/clamd.ctl")),
    ],
)
def test_addresses(value: str, expected: virus_scan.Address) -> None:
    assert virus_scan.parse_address(value) == expected


@pytest.mark.parametrize("value", ["", "clamav", "clamav:", ":3310", "host:99999", "host:abc"])
def test_bad_addresses(value: str) -> None:
    with pytest.raises(ValueError):
        virus_scan.parse_address(value)


# ---- system checks ----------------------------------------------------------------------------


def ids(messages: list[Any]) -> list[str]:
    return [m.id for m in messages]


def test_check_none_is_fine_but_warns_on_deploy(settings: Any) -> None:
    settings.VIRUS_SCAN = "none"
    assert checks.check_virus_scan() == []
    assert ids(checks.check_virus_scan_deploy()) == ["core.W001"]


def test_check_unknown_value_is_an_error(settings: Any) -> None:
    settings.VIRUS_SCAN = "clamav"
    assert ids(checks.check_virus_scan()) == ["core.E001"]


@pytest.mark.parametrize("address", ["", "clamav"])
def test_check_clamd_without_a_valid_address_is_an_error(settings: Any, address: str) -> None:
    settings.VIRUS_SCAN = "clamd"
    settings.CLAMD_ADDRESS = address
    assert ids(checks.check_virus_scan()) == ["core.E002"]


def test_check_clamd_with_an_address_needs_no_running_clamd(settings: Any) -> None:
    settings.VIRUS_SCAN = "clamd"
    settings.CLAMD_ADDRESS = unreachable_address()
    assert checks.check_virus_scan() == [] and checks.check_virus_scan_deploy() == []


def test_the_checks_are_registered() -> None:
    from django.core.checks import registry

    registered = registry.registry.get_checks(include_deployment_checks=True)
    assert checks.check_virus_scan in registered and checks.check_virus_scan_deploy in registered
