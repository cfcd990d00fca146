"""End to end in real headless Chromium: the site as a person uses it.

Starts ``gongbao demo`` (fresh archive, sample gazette) on a free local port, ingests one more
(synthetic) document that the sample repeals, then drives Debian's Chromium through: home →
search a two-character word → open the hit → open a document whose citation resolves →
follow the citation → open the issue's table of contents. Screenshots of each page are taken
and checked. Set GONGBAO_SKIP_BROWSER=1 to skip where Chromium cannot be installed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.browser

if os.environ.get("GONGBAO_SKIP_BROWSER") == "1":
    pytest.skip("browser tests skipped by GONGBAO_SKIP_BROWSER=1", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data = tmp_path_factory.mktemp("archive")
    port = _free_port()
    env = {**os.environ, "GONGBAO_DATA": str(data)}
    subprocess.run([sys.executable, "-m", "gongbao.cli", "ingest",
                    str(ROOT / "tests" / "archive_inputs" / "earlier-repealed-notice.txt")],
                   check=True, env=env, capture_output=True, timeout=120)
    proc = subprocess.Popen([sys.executable, "-m", "gongbao.cli", "demo", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode()) from None
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError("the demo server did not start within 60 s")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: scripts/test.sh installs Debian's chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def _shot(page, path: Path) -> None:
    page.screenshot(path=str(path), full_page=True)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, path


def test_walkthrough(site, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1200, "height": 900}, locale="zh-CN")
    page.goto(site + "/")
    assert "交城县人民政府公报 2024年第3期" in page.content()
    _shot(page, tmp_path / "1-home.png")

    page.fill("#q-home", "殡葬")
    page.press("#q-home", "Enter")
    page.wait_for_selector("#total")
    assert page.inner_text("#total") == "1"
    assert page.locator("mark").first.inner_text() == "殡葬"
    _shot(page, tmp_path / "2-search.png")

    page.click("article.hit h3 a")
    page.wait_for_selector("h1")
    assert "殡葬" in page.inner_text("h1")
    assert "交政办发〔2024〕18号" in page.inner_text("table.meta")
    assert "2029-07-17" in page.inner_text("table.meta")
    _shot(page, tmp_path / "3-document.png")

    page.goto(site + "/search?q=行政执法事项目录")
    page.click("article.hit h3 a >> nth=0")
    page.wait_for_selector("text=本文引用")
    page.click("a:has-text('交政发〔2022〕16号')")
    page.wait_for_selector("h1")
    assert "下放行政执法职权" in page.inner_text("h1")
    assert "已废止" in page.inner_text("table.meta")
    _shot(page, tmp_path / "4-cited.png")

    page.goto(site + "/documents/交政发-2024-11/")
    page.click("p.small a >> nth=0")  # the issue link above the title
    page.wait_for_selector("h2:has-text('目录')")
    assert page.locator("text=目录未列").count() == 2
    assert page.locator("ol.toc li").count() >= 29
    _shot(page, tmp_path / "5-issue.png")

    phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    phone.goto(site + "/documents/交政办发-2024-18/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"page overflows a phone screen ({width}px)"
    _shot(phone, tmp_path / "6-phone.png")
    for name in ("1-home", "3-document", "5-issue"):
        shutil.copy(tmp_path / f"{name}.png", ROOT / ".pytest_cache" / f"e2e-{name}.png") if (ROOT / ".pytest_cache").exists() else None
