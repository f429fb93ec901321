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


def log_out(page) -> None:
    page.click("button:has-text('ออกจากระบบ')")
    page.wait_for_url("**/accounts/**")


def open_setup_menu(page, item: str) -> None:
    """Open a page from the navigation's setup menu (fiscal years, frameworks, units...)."""
    page.click("nav .dropdown-toggle")
    page.click(f"nav .dropdown-menu >> text={item}")


PHONE = {"width": 390, "height": 844}
# What sticks out past the right (or left) edge of the window: the page itself, and every
# visible control whose box is not wholly on screen. A control inside a box that scrolls
# sideways (a responsive table) is reached by scrolling that box: it counts only when the
# box itself sticks out.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const problems = [];
  const page = document.documentElement.scrollWidth;
  const scrolls = (node) => {
    for (let up = node.parentElement; up && up !== document.body; up = up.parentElement) {
      const x = getComputedStyle(up).overflowX;
      if (x === 'auto' || x === 'scroll') { return true; }
    }
    return false;
  };
  const name = (node) => (node.innerText || node.value || node.name || node.id || '')
    .trim().replace(/\\s+/g, ' ').slice(0, 40);
  if (page > width) {  // name the innermost boxes that stick out
    const wide = [...document.body.querySelectorAll('*')].filter((node) =>
      node.getBoundingClientRect().right > width + 0.5 &&
      (!scrolls(node) || getComputedStyle(node).position === 'absolute'));
    const inner = wide.filter((node) => !wide.some((other) => other !== node && node.contains(other)));
    const what = inner.slice(0, 4).map((node) =>
      `${node.tagName.toLowerCase()}.${[...node.classList].join('.')} "${name(node)}"`);
    problems.push(`the page is ${page}px wide: ${what.join(', ')}`);
  }
  for (const node of document.querySelectorAll(
      'button, a.btn, input:not([type=hidden]), select, textarea, .form-check')) {
    const style = getComputedStyle(node);
    if (style.visibility === 'hidden' || style.display === 'none') { continue; }
    const box = node.getBoundingClientRect();
    if (box.width < 2 || box.height < 2 || scrolls(node)) { continue; }
    if (box.right > width + 0.5 || box.left < -0.5) {
      problems.push(`${node.tagName.toLowerCase()} "${name(node)}" spans ${Math.round(box.left)}` +
                    `-${Math.round(box.right)}px`);
    } else if (node.matches('button, a.btn') && node.innerText.trim()) {
      // a button's words stay inside its padding (a label wider than its button was cut)
      const range = document.createRange();
      range.selectNodeContents(node);
      const text = range.getBoundingClientRect();
      const inner = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
      if (text.right > inner + 1) {
        problems.push(`${node.tagName.toLowerCase()} "${name(node)}": its text ends at ` +
                      `${Math.round(text.right)}px, past its padding at ${Math.round(inner)}px`);
      }
    }
  }
  return problems;
}"""


def overflow_problems(page) -> list[str]:
    """What goes past the window's edges on the page as it stands (see OVERFLOW)."""
    return page.evaluate(OVERFLOW)
