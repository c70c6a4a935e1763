"""gunicorn for the benchmark: one instance, or several sharing one Redis (scale-out).

Every instance serves the same code and database with ``wijkteam.settings.bench`` on its own
free port of 127.0.0.1. With ``cache="redis"`` (``WIJKTEAM_CACHE=redis``) sessions, users and
second-factor devices live in the shared Redis, so a client may send each request to another
instance (the load generator's round robin) and stay logged in.
"""

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from bench.databases import ROOT, VAR


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class ServerConfig:
    workers: int
    worker_class: str = "sync"
    threads: int = 1
    cache: str = "redis"  # redis | local
    cache_prefix: str = "wijkteam-bench"


def redis_reachable(url: str = "redis://127.0.0.1:6379/1") -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except Exception:
        return False


def server_env(db_url: str, config: ServerConfig, *, no_access_log: bool = False) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE="wijkteam.settings.bench",
        WIJKTEAM_BENCH_STATIC="manifest",
        WIJKTEAM_BENCH_NO_ACCESS_LOG="1" if no_access_log else "0",
        WIJKTEAM_CACHE=config.cache,
        WIJKTEAM_CACHE_PREFIX=config.cache_prefix,
    )
    return env


def _wait_ready(proc: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/inloggen/", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn startte niet; zie {VAR / 'gunicorn.log'}")
        time.sleep(0.3)


@contextlib.contextmanager
def gunicorn(
    db_url: str, config: ServerConfig, *, instances: int = 1, no_access_log: bool = False
) -> Iterator[list[int]]:
    """``instances`` gunicorns (each with ``config.workers`` workers); yields their ports."""
    env = server_env(db_url, config, no_access_log=no_access_log)
    log_file = open(VAR / "gunicorn.log", "a", encoding="utf-8")  # noqa: SIM115
    procs: list[subprocess.Popen[bytes]] = []
    ports: list[int] = []
    try:
        for _ in range(instances):
            port = free_port()
            cmd = [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "--pythonpath", os.environ.get("BENCH_SRC", str(ROOT / "src")),
                "--bind", f"127.0.0.1:{port}",
                "--workers", str(config.workers),
                "--worker-class", config.worker_class,
                "--threads", str(config.threads),
                "--timeout", "120",
                "--log-level", "warning",
                "wijkteam.wsgi",
            ]  # fmt: skip
            procs.append(
                subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log_file, stderr=log_file)  # noqa: S603
            )
            ports.append(port)
        for proc, port in zip(procs, ports, strict=True):
            _wait_ready(proc, port)
        yield ports
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        log_file.close()
