"""`--demo` without the TUI: the seeded mistakes, the memory keyring, the chat page end to end
(in headless Chromium), and a clean exit."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import keyring
import pytest

from wizard.core.demo import DemoEnvironment, DemoKeyring, start_demo_environment
from wizard.core.keys import Slot, check_key
from wizard.core.plan import Choice, Consent, PlanInputs, apply_plan, plan_changes
from wizard.core.project import find_project
from wizard.core.status import project_status

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def demo() -> Iterator[DemoEnvironment]:
    with start_demo_environment() as running:
        yield running


def fix_everything(demo: DemoEnvironment) -> None:
    """What the wizard does for the newcomer: the engine calls its screens make."""
    project = find_project(demo.project)
    keys = (check_key(demo.openwebui_key, Slot.OPENWEBUI), check_key(demo.openai_key, Slot.OPENAI))
    plan = plan_changes(project, PlanInputs(keys=keys))
    assert plan.widget_findings
    apply_plan(project, plan, Consent(frozenset(Choice)))


def chat(demo: DemoEnvironment, message: str) -> httpx.Response:
    return httpx.post(demo.backend.url + "/api/chat", json={"message": message}, timeout=30)


def test_the_project_holds_the_seeds_real_mistakes(demo: DemoEnvironment) -> None:
    report = project_status(find_project(demo.project))
    codes = {p.code for p in report.problems}
    assert {"jwt-expired", "key-with-extras", "secret-in-widget-config"} <= codes
    assert isinstance(keyring.get_keyring(), DemoKeyring)


def test_the_chat_fails_before_and_works_after_the_fix(demo: DemoEnvironment) -> None:
    before = chat(demo, "Bonjour")
    assert before.status_code == 502 and "401" in before.json()["error"]
    fix_everything(demo)
    after = chat(demo, "Bonjour")
    assert after.status_code == 200 and "Bonjour" in after.json()["reply"]
    codes = {p.code for p in project_status(find_project(demo.project)).problems}
    assert not {"jwt-expired", "key-with-extras", "secret-in-widget-config"} & codes


def test_stop_removes_everything_and_gives_the_keyring_back() -> None:
    previous = keyring.get_keyring()
    demo = start_demo_environment()
    project, url = demo.project, demo.backend.url
    demo.stop()
    assert not project.exists()
    assert keyring.get_keyring() is previous
    with pytest.raises(httpx.HTTPError):
        httpx.get(url, timeout=2)


# --- a real browser ----------------------------------------------------------------------------

BROWSER_SCRIPT = r"""
const { chromium } = require("playwright-core");
(async () => {
  const browser = await chromium.launch({
    executablePath: process.argv[2],
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  const page = await browser.newPage();
  await page.goto(process.argv[3]);
  await page.fill("#message", process.argv[4]);
  await page.click("#send");
  await page.waitForSelector(".bot, .error", { timeout: 20000 });
  const replies = await page.$$eval(".bot, .error",
    (els) => els.map((e) => e.className + ":" + e.textContent));
  const config = await (await page.request.get(process.argv[3] + "technova-config.js")).text();
  console.log(JSON.stringify({ replies, html: await page.content(), config }));
  await browser.close();
})().catch((error) => { console.error(String(error)); process.exit(1); });
"""


@pytest.fixture(scope="module")
def playwright_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if CHROMIUM is None or shutil.which("npm") is None:
        pytest.fail("Chromium and npm are needed (.ci/run installs them)")
    folder = tmp_path_factory.mktemp("playwright")
    (folder / "package.json").write_text('{"name": "demo-browser-test", "private": true}')
    install = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "playwright-core@1"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if install.returncode != 0:
        pytest.fail(f"npm install playwright-core failed:\n{install.stderr}")
    (folder / "chat.js").write_text(BROWSER_SCRIPT)
    return folder


@pytest.mark.browser
def test_a_visitor_chats_in_chromium_and_the_page_holds_no_key(
    demo: DemoEnvironment, playwright_dir: Path
) -> None:
    fix_everything(demo)
    done = subprocess.run(
        ["node", "chat.js", str(CHROMIUM), demo.chat_page_url, "Hello from the browser"],
        cwd=playwright_dir,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["replies"] and seen["replies"][0].startswith("bot:")
    assert "Hello from the browser" in seen["replies"][0]
    for key in (demo.openwebui_key, demo.openai_key):
        assert key[:12] not in seen["html"] + seen["config"]
    assert "backendUrl" in seen["config"]
