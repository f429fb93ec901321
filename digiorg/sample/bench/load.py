"""Throughput of the key pages behind a real WSGI server, as a ratio to /healthz measured in the
same run (so the figure says how heavy a page is, not how fast the machine is).

gunicorn is started with 2 sync workers on 127.0.0.1 and a free port, with this process's
settings and database (the environment is passed on; on the demo key, as `digiorg demo`
serves it, since the sessions are signed with this process's key). 8 client threads then send a bounded
number of GET requests to each page, one page after the other, each client signed in through
the session cookie of a signed-in test client (accounts.testing.signed_in: a session in the
database that passed the second factor). Every response must be a 200; a page that answers
anything else is reported with its status and no throughput.
"""

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings

WORKERS = 2
CLIENTS = 8


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def gunicorn(workers: int = WORKERS):
    """A gunicorn serving digiorg on a free port of 127.0.0.1; yields the port."""
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "digiorg.settings", "DIGIORG_HTTPS": "0"}
    env["DIGIORG_PUBLIC_RATE_LIMIT"] = "0"  # the load comes from one address, on purpose
    if settings.SECRET_KEY == settings.DEMO_SECRET_KEY:
        # the bench's local data, signed with the key this process uses (as `digiorg demo`)
        env["DIGIORG_DEMO"] = "1"
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "digiorg.wsgi:application",
            "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
        ],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        _wait_ready(port, process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"gunicorn stopped: {error[-2000:]}")
        try:
            status, _ = _get(port, "/healthz", None)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz in time")


def _get(port: int, url: str, cookie: str | None) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Host": "127.0.0.1", "Accept-Language": "th"}
        if cookie:
            headers["Cookie"] = cookie
        connection.request("GET", url, headers=headers)
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


@dataclass
class Load:
    requests: int
    seconds: float
    status: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def hammer(port: int, url: str, cookie: str | None, requests: int, clients: int = CLIENTS) -> Load:
    """`requests` GETs of `url` by `clients` threads at once; requests per second."""
    counts = [requests // clients + (1 if i < requests % clients else 0) for i in range(clients)]
    statuses: list[int] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        seen = []
        for _ in range(n):
            seen.append(_get(port, url, cookie)[0])
        with lock:
            statuses.extend(seen)

    threads = [threading.Thread(target=client, args=(n,)) for n in counts]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    status = next((s for s in statuses if s != 200), 200)
    return Load(len(statuses), seconds, status)


def measure_throughput(
    pages, cookies: dict[str | None, str | None], requests: int
) -> dict[str, Any]:
    """{page key: {"per_second", "ratio_to_healthz", "status", "requests"}} for `pages`
    (measure.Page) behind gunicorn; each page warmed up first (one request per worker and
    client, so every worker has its caches and connections)."""
    results: dict[str, dict[str, Any]] = {}
    with gunicorn() as port:
        for page in pages:
            cookie = cookies.get(page.username)
            hammer(port, page.url, cookie, CLIENTS, CLIENTS)  # warm-up
            load = hammer(port, page.url, cookie, requests)
            results[page.key] = {
                "per_second": round(load.per_second, 1),
                "status": load.status,
                "requests": load.requests,
            }
    base = results.get("healthz", {}).get("per_second") or 0.001
    for result in results.values():
        result["ratio_to_healthz"] = round(result["per_second"] / base, 3)
    return results


def session_cookie(client) -> str:
    """The Cookie header of a signed-in django.test.Client."""
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"
