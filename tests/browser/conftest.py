"""Browser tests: the real app on a loopback port (werkzeug in a thread), driven by Debian's
Chromium through its chromedriver. Skipped, saying why, where either is missing."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from tests.helpers import free_port
from tests.web.conftest import _fresh_limits, shipper  # noqa: F401 - fixtures shared with the page tests

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

_missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
if _missing:
    pytest.skip(
        f"browser tests need Debian's chromium and chromium-driver ({', '.join(_missing)} not found): "
        "apt-get install -y chromium chromium-driver",
        allow_module_level=True,
    )

from selenium import webdriver  # noqa: E402 - only with a browser to drive
from selenium.webdriver.chrome.service import Service  # noqa: E402


@pytest.fixture(scope="session")
def live_server(app):
    """The app served on a free loopback port for the whole session."""
    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    previous = app.config["PUBLIC_URL"]
    app.config["PUBLIC_URL"] = url
    yield url
    app.config["PUBLIC_URL"] = previous
    server.shutdown()
    thread.join(timeout=5)


def new_driver(width: int = 1280, height: int = 900) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--force-device-scale-factor=1", "--lang=en-US"):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(3)
    return driver


@pytest.fixture(scope="session")
def _session_driver():
    driver = new_driver()
    yield driver
    driver.quit()


@pytest.fixture
def driver(_session_driver):
    """One browser for the session; each test starts signed out, with no cookies."""
    _session_driver.delete_all_cookies()
    yield _session_driver
    _session_driver.delete_all_cookies()
