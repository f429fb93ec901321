"""`digiorg worker` runs queued tasks in a process of its own, and `digiorg demo` serves with
one beside the server. Real processes on a SQLite file (a child cannot see the test database)."""

import os
import sqlite3
import subprocess
import sys
import time

import pytest

from digiorg.sample.management.commands import demo

TABLE = "django_tasks_database_dbtaskresult"


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("var")
    digiorg(path, "migrate", "--verbosity", "0")
    return path


def child_env(var) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DIGIORG_TASKS_BACKEND")
    }
    return env | {"DIGIORG_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "digiorg.settings"}


def digiorg(var, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "digiorg", *args], env=child_env(var), capture_output=True,
        text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def enqueue(var) -> str:
    """Queue a mail task with nothing to send; returns its id."""
    code = "from digiorg.core.mail import mail_send; print(mail_send.enqueue([]).id)"
    return digiorg(var, "shell", "-c", code).strip().splitlines()[-1]


def status(var, task_id: str) -> str:
    with sqlite3.connect(var / "digiorg.sqlite3") as db:
        row = db.execute(
            f"SELECT status FROM {TABLE} WHERE replace(id, '-', '') = ?", [task_id.replace("-", "")]
        ).fetchone()
    return row[0] if row else ""


def test_worker_batch_runs_the_queued_tasks_and_stops(var_dir):
    task_id = enqueue(var_dir)
    assert status(var_dir, task_id) == "READY"
    digiorg(var_dir, "worker", "--batch")
    assert status(var_dir, task_id) == "SUCCESSFUL"


def test_demo_serves_with_the_worker_beside_it_and_stops_it(var_dir, monkeypatch):
    task_id = enqueue(var_dir)
    for key, value in child_env(var_dir).items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    children: list[subprocess.Popen] = []
    popen = subprocess.Popen

    def recording_popen(args, **kwargs):
        children.append(popen(args, **kwargs))
        return children[-1]

    def runserver(name, *args, **kwargs):
        """The server runs until the worker beside it has run the queued task."""
        assert name == "runserver" and args == ("127.0.0.1:8123",)
        deadline = time.monotonic() + 90
        while status(var_dir, task_id) != "SUCCESSFUL":
            assert time.monotonic() < deadline, "the worker did not run the task"
            time.sleep(0.2)

    monkeypatch.setattr(demo.subprocess, "Popen", recording_popen)
    monkeypatch.setattr(demo, "call_command", runserver)
    demo.Command().serve(8123)
    assert len(children) == 1 and children[0].args[-1] == "worker"
    assert children[0].poll() is not None  # stopped when the server stopped
