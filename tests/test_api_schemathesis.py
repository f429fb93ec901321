"""Schemathesis with every check over the whole API, against a live server with a seeded world
(two years, the second on a framework with the same refs): the OpenAPI document must be the
truth (no undocumented status, no body or content type other than documented) and nothing may
answer 500. Bounded so that it runs in a few minutes; CI runs it once, on SQLite."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .api_data import token, two_years

pytestmark = [pytest.mark.schemathesis]

MAX_EXAMPLES = os.environ.get("DIGIORG_SCHEMATHESIS_EXAMPLES", "8")
WORKERS = os.environ.get("DIGIORG_SCHEMATHESIS_WORKERS", "2")
CONFIG = Path(__file__).with_name("schemathesis.toml")


def run_schemathesis(
    base_url: str, key: str, tmp_path: Path, phases: str
) -> subprocess.CompletedProcess:
    command = [
        sys.executable, "-m", "schemathesis.cli", "--no-color", "--config-file", str(CONFIG), "run",
        f"{base_url}/api/v1/schema/", "--checks", "all", "--max-examples", MAX_EXAMPLES,
        "--workers", WORKERS, "--seed", "2568", "--header", f"Authorization: Token {key}",
        "--report", "junit", "--report-dir", str(tmp_path), "--request-timeout", "30",
        "--phases", os.environ.get("DIGIORG_SCHEMATHESIS_PHASES", phases),
    ]  # fmt: skip
    return subprocess.run(
        command, capture_output=True, text=True, timeout=900, check=False, cwd=tmp_path
    )


@pytest.fixture
def seeded(world, seed_framework, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    two_years(world, seed_framework)
    return world


# The secretariat may write almost everything: every phase, including the coverage phase that
# tries each parameter's edge and invalid values (most of the run time). The coordinator walks
# the permission paths (403/404 answers must be documented too) with generated examples.
@pytest.mark.parametrize(
    ("role", "phases"),
    [("secretariat", "examples,coverage,fuzzing,stateful"), ("coordinator", "fuzzing,stateful")],
)
def test_schemathesis_finds_nothing(live_server, seeded, role, phases, tmp_path):
    result = run_schemathesis(live_server.url, token(seeded.people[role]), tmp_path, phases)
    output = result.stdout + result.stderr
    log = Path(os.environ.get("DIGIORG_SCHEMATHESIS_LOG", tmp_path)) / f"schemathesis-{role}.txt"
    log.write_text(output)
    assert result.returncode == 0, output[-20000:]
    assert "No issues found" in output or "passed" in output, output[-5000:]
