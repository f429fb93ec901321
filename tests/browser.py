"""Playwright on Debian's Chromium: never downloads a browser."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("DIGIORG_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("DIGIORG_SCREENSHOTS", "var/screenshots"))
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_or_skip() -> str:
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("DIGIORG_REQUIRE_BROWSER"):
        pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs the Debian package")
    pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    raise AssertionError  # unreachable


@pytest.fixture
def page(live_server):
    from playwright.sync_api import sync_playwright

    executable = chromium_or_skip()
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base_url = live_server.url  # type: ignore[attr-defined]
        yield page
        context.close()
        browser.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def log_in(page, username: str, password: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")


def open_setup_menu(page, item: str) -> None:
    """Open a page from the navigation's setup menu (fiscal years, frameworks, units...)."""
    page.click("nav .dropdown-toggle")
    page.click(f"nav .dropdown-menu >> text={item}")
