"""Browser tests: Debian's Chromium, driven by Playwright (pytest-playwright), against the app as a real server.

One server (werkzeug in a thread, its own SQLite file, a real aiosmtpd for its mail)
and one browser serve the whole session; each test gets a fresh copy of the database
and a fresh browser context. Without Chromium the tests skip, saying how to install
it; with ``PB_REQUIRE_BROWSER=1`` (CI) a missing browser or axe-core fails instead.

Watch a test in a window with ``--headed --slowmo 300``; keep a trace of a failure
with ``--tracing retain-on-failure``.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page
from sqlalchemy.orm import Session

from pb.demo.seed import DEMO_STAFF, seed_demo
from tests.browser.checks import AXE_SCRIPT, DESKTOP
from tests.browser.site import LiveSite, Prepare

CHROMIUM = os.environ.get("PB_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("PB_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}
STAFF_LOGINS = {role.value: (email, password) for email, password, role, _ in DEMO_STAFF}


def _missing(message: str) -> None:
    if REQUIRED:
        pytest.fail(f"PB_REQUIRE_BROWSER=1: {message}", pytrace=False)
    pytest.skip(message)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: runs in Chromium against a live server (deselect with -m 'not browser')")


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = shutil.which(CHROMIUM) or (CHROMIUM if os.access(CHROMIUM, os.X_OK) else None)
    if path is None:
        _missing(f"Chromium is not installed ({CHROMIUM}): browser tests skipped. Install it with: apt-get install -y chromium")
    return str(path)


@pytest.fixture(scope="session")
def axe_ready() -> None:
    if not AXE_SCRIPT.is_file():
        _missing(f"axe-core is not installed ({AXE_SCRIPT}): accessibility checks skipped. Run `make setup` (it needs npm: apt-get install -y npm).")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], chromium_executable: str) -> dict[str, Any]:
    """Debian's Chromium instead of a downloaded one (``playwright install`` cannot run here)."""
    return {
        "headless": True,
        **browser_type_launch_args,
        "executable_path": chromium_executable,
        "args": ["--no-sandbox", "--disable-gpu"],
    }


def seed_voting_demo(session: Session) -> None:
    """The demo as ``make run`` seeds it: the round is in its voting phase."""
    seed_demo(session)


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory, chromium_executable: str) -> Iterator[LiveSite]:
    site = LiveSite(tmp_path_factory.mktemp("live-site"))
    try:
        site.start(seed_voting_demo)
        yield site
    finally:
        site.stop()


@pytest.fixture
def site(live_site: LiveSite) -> LiveSite:
    """The live site on a fresh copy of the demo database (voting phase), with an empty mailbox."""
    live_site.reset("demo", seed_voting_demo)
    return live_site


@pytest.fixture
def site_with(live_site: LiveSite) -> Callable[[str, Prepare], LiveSite]:
    """The live site on a fresh database that ``prepare`` made (cached under ``name``)."""

    def reset(name: str, prepare: Prepare) -> LiveSite:
        live_site.reset(name, prepare)
        return live_site

    return reset


@pytest.fixture(scope="session")
def base_url(live_site: LiveSite) -> str:
    return live_site.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "da-DK", "viewport": DESKTOP}


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A page that fails the test on a JavaScript error, a CSP violation or a broken static file."""
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on(
        "console",
        lambda message: problems.append(f"console: {message.text}")
        if message.type == "error" and "Content Security Policy" in message.text
        else None,
    )
    page.on(
        "response",
        lambda response: problems.append(f"{response.status} for {response.url}")
        if "/static/" in response.url and response.status >= 400
        else None,
    )
    yield page
    assert not problems, "the browser reported problems:\n" + "\n".join(problems)


_signed_in_cookies: dict[tuple[str, str], list[Any]] = {}


@pytest.fixture
def sign_in(page: Page, live_site: LiveSite) -> Callable[[str], Page]:
    """Sign the page in as a demo staff user by role (``admin``, ``official``, ``playmaker``).

    The first time per role and database it goes through the sign-in form; after that the
    page gets that session's cookie, which saves a password check per test.
    """

    def sign(role: str) -> Page:
        key = (live_site.current, role)
        if key in _signed_in_cookies:
            page.context.add_cookies(_signed_in_cookies[key])
            return page
        email, password = STAFF_LOGINS[role]
        page.goto("/staff/login")
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Adgangskode").fill(password)
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_url("**/staff/**")
        assert "/login" not in page.url, f"{role} could not sign in"
        _signed_in_cookies[key] = page.context.cookies()
        return page

    return sign
