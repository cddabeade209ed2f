"""`city serve`: the game in a real browser, and the server's guards.

The browser test drives Debian's Chromium through Debian's chromedriver with Selenium: it
loads the page, types commands into the game in two tabs and reads the answers.

How the answers are read: textual-serve's page draws the terminal with xterm.js on a canvas
(WebGL), so there is no text in the DOM to find. xterm.js keeps the screen as text in its
buffer, and its public API reads it (`terminal.buffer.active.getLine(y).translateToString()`):
exactly the characters the player sees, row by row. The page keeps its xterm `Terminal` in
its own object's `terminal` property, out of reach of page scripts; a script run before the
page's own (Chrome's `Page.addScriptToEvaluateOnNewDocument`) puts a setter for `terminal` on
`Object.prototype`, which that first assignment meets: it keeps the Terminal in
`window.__cityTerminal` and gives the object its own ordinary property, so the page works as
before. If a textual-serve release renames the property, the test says so, not a time-out.

The browser reaches nothing but this machine: its flags turn off background networking, and
every host name but 127.0.0.1 resolves to nothing (the page asks Google for a font).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
START_TIMEOUT = 60.0  # seconds: a loaded 2-core machine starts Python, the world and the app
ANSWER_TIMEOUT = 30.0
STOP_TIMEOUT = 12.0  # seconds for Ctrl+C to quit the open games (each autosaves) and stop the server

CAPTURE_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    if (value && value.buffer && value.buffer.active) window.__cityTerminal = value;
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
  },
});
"""
READ_SCREEN = """
const term = window.__cityTerminal;
if (!term) return null;
const buffer = term.buffer.active, rows = [];
for (let y = 0; y < term.rows; y++) {
  const line = buffer.getLine(buffer.viewportY + y);
  rows.push(line ? line.translateToString(true) : "");
}
return rows.join("\\n");
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "CITY_HOME": str(home), "PYTHONUNBUFFERED": "1"}


def _city(*args: str, home: Path, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], env=_env(home), capture_output=True, text=True,
                          timeout=timeout, check=False)


@dataclass
class Served:
    port: int
    home: Path
    process: subprocess.Popen[str]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self) -> tuple[int, str]:
        """Ctrl+C, as a player stops it: the exit code and everything it printed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            out, _ = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        return self.process.returncode, out


def _start_server(home: Path) -> Served:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port)], env=_env(home),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    served = Served(port, home, process)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"city serve stopped at start (exit {process.returncode}):\n{served.stop()[1]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return served
        time.sleep(0.2)
    pytest.fail(f"city serve did not listen within {START_TIMEOUT:.0f}s:\n{served.stop()[1]}")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    served = _start_server(tmp_path_factory.mktemp("serve_home"))
    try:
        yield served
    finally:
        served.stop()


def _request(port: int, path: str, headers: dict[str, str]) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


# --- the server's guards, without a browser ---------------------------------------------------


def test_a_port_in_use_is_one_sentence_and_exit_1(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _city("serve", "--port", str(port), home=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"city: port {port} on 127.0.0.1 is already in use (another `city serve`?): " \
                            "stop that, or choose another with --port.\n"
    assert "Serving" not in result.stdout  # said before anything claims to serve


@pytest.mark.parametrize("host, says", [
    ("192.0.2.1", "192.0.2.1 is not an address of this machine"),  # TEST-NET-1: never a local address
    ("nosuch.invalid", "cannot serve on host 'nosuch.invalid': it is not a name or address this machine can use"),
])
def test_a_host_this_machine_cannot_listen_on_is_refused(tmp_path: Path, host: str, says: str) -> None:
    result = _city("serve", "--host", host, "--port", str(_free_port()), home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"city: {says}")
    assert "Traceback" not in result.stderr


def test_a_world_that_does_not_load_stops_the_server_before_it_serves(tmp_path: Path) -> None:
    """Said once at the start, not again in every tab that opens."""
    result = _city("serve", "--mod", str(tmp_path / "no-such-mod"), "--port", str(_free_port()), home=tmp_path)
    assert result.returncode == 1
    assert "The world did not load" in result.stderr
    assert "Serving" not in result.stdout


def test_each_tab_runs_the_app_with_the_servers_mods_quoted_for_the_shell() -> None:
    from game.serve import child_command

    command = shlex.split(child_command(["mods/my mod", "it's; rm -rf x"], no_mods=True))
    assert command == [sys.executable, "-m", "game", "play", "--app", "--mod=mods/my mod", "--mod=it's; rm -rf x", "--no-mods"]


@pytest.mark.parametrize("args", [["--port", "0"], ["--port", "70000"], ["--host", " "]])
def test_impossible_arguments_are_bad_usage(tmp_path: Path, args: list[str]) -> None:
    result = _city("serve", *args, home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("city: --")


def test_the_page_links_back_to_the_address_the_browser_used(served: Served) -> None:
    """textual-serve alone writes the websocket's URL from the host it listens on, which a
    browser elsewhere cannot use when that is 0.0.0.0."""
    status, page = _request(served.port, "/", {"Host": f"localhost:{served.port}"})
    assert status == 200
    assert f'data-session-websocket-url="ws://localhost:{served.port}/ws"' in page
    assert f'href="http://localhost:{served.port}/static/css/xterm.css"' in page


def test_the_page_asks_no_other_site_for_its_font(served: Served) -> None:
    """textual-serve's page links Google's fonts; ours, the copy textual-serve ships."""
    status, page = _request(served.port, "/", {"Host": f"127.0.0.1:{served.port}"})
    assert status == 200
    assert "googleapis" not in page
    font = "/static/fonts/RobotoMono-VariableFont_wght.ttf"
    assert f'url("http://127.0.0.1:{served.port}{font}")' in page
    assert _request(served.port, font, {})[0] == 200


UPGRADE = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
           "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}


def test_another_sites_page_cannot_open_a_game(served: Served) -> None:
    status, _ = _request(served.port, "/ws", {**UPGRADE, "Origin": "http://evil.example"})
    assert status == 403


def test_a_server_of_this_machine_answers_only_to_its_names(served: Served) -> None:
    """A DNS-rebinding page reaches 127.0.0.1 under its own name, with its own origin."""
    host = f"evil.example:{served.port}"
    assert _request(served.port, "/", {"Host": host})[0] == 403
    assert _request(served.port, "/ws", {**UPGRADE, "Host": host, "Origin": f"http://{host}"})[0] == 403


# --- the game in a browser --------------------------------------------------------------------


def _browser_missing() -> str | None:
    """Why no browser test can run here, or None."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        return (f"no {' or '.join(missing)}: Debian's chromium and chromium-driver packages "
                "(apt-get install -y chromium chromium-driver; .ci/run installs them)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    return None


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    reason = _browser_missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test, but {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)  # with the driver's path: Selenium never looks for either
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=1000,700",
                 # nothing leaves this machine: the page's web font and any other name resolve to nothing
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _screen(driver: Any) -> str:
    text = driver.execute_script(READ_SCREEN)
    return "" if text is None else str(text)


def _wait_for(driver: Any, wanted: str, timeout: float = ANSWER_TIMEOUT) -> str:
    """The screen once it shows `wanted` (case as typed), else a failure that shows the screen."""
    deadline = time.monotonic() + timeout
    while True:
        screen = _screen(driver)
        if wanted in screen:
            return screen
        if time.monotonic() > deadline:
            captured = driver.execute_script("return Boolean(window.__cityTerminal)")
            hint = "" if captured else " (the page kept no xterm Terminal at .terminal: has textual-serve's page changed?)"
            pytest.fail(f"the page did not show {wanted!r} within {timeout:.0f}s{hint}; it shows:\n{screen}")
        time.sleep(0.2)


def _open_game(driver: Any, url: str, room: str) -> str:
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CAPTURE_TERMINAL})
    driver.get(url)
    return _wait_for(driver, room, START_TIMEOUT)


def _type(driver: Any, line: str) -> None:
    """Keys into xterm.js's input, which sends them down the websocket to the tab's game."""
    driver.find_element("css selector", ".xterm-helper-textarea").send_keys(line + "\n")


def _expected(commands: list[str]) -> tuple[str, list[str]]:
    """The first room's name and the start of each command's answer, from the engine itself
    (what plain mode prints), so the test follows the world's prose as it changes."""
    from game.engine.game import Game
    from game.textview import render
    from game.world.load import load_world

    world = load_world([])
    game = Game(world, seed=0)  # city play's default seed
    game.opening()
    answers = [render(game.step(command), width=None).split("\n")[0][:40] for command in commands]
    return world.rooms[world.game.start].name, answers


def test_the_game_plays_in_a_browser_one_game_per_tab(browser: Any, tmp_path: Path) -> None:
    room, (carrying, waited) = _expected(["inventory", "wait"])
    served = _start_server(tmp_path / "home")
    try:
        started = time.monotonic()
        first = browser.current_window_handle
        screen = _open_game(browser, served.url, room)
        first_screen = time.monotonic() - started
        assert "Traceback" not in screen
        # every other host resolves to nothing here, so a request for one shows as such in the log
        elsewhere = [e["message"] for e in browser.get_log("browser") if "ERR_NAME_NOT_RESOLVED" in e["message"]]
        assert not elsewhere, f"the page asked another site for something: {elsewhere}"

        browser.switch_to.new_window("tab")  # the second tab opens before anything is saved: a new game too
        second = browser.current_window_handle
        _open_game(browser, served.url, room)

        browser.switch_to.window(first)
        _type(browser, "inventory")
        _wait_for(browser, carrying)
        _type(browser, "save tab-a")
        _wait_for(browser, "Saved as 'tab-a'.")
        answered = time.monotonic() - started

        _type(browser, "wait")  # a turn: the game has something to autosave when it quits
        _wait_for(browser, waited)

        browser.switch_to.window(second)  # its own game: nothing the first tab did shows here
        screen = _screen(browser)
        assert carrying not in screen and "tab-a" not in screen
        _type(browser, "save tab-b")
        _wait_for(browser, "Saved as 'tab-b'.")
        _type(browser, "wait")
        _wait_for(browser, waited)
        browser.close()  # closing a tab quits its game, which autosaves
        browser.switch_to.window(first)
        assert "tab-b" not in _screen(browser)
        after_close = _wait_for_autosave(served.home, {})
    finally:
        stopping = time.monotonic()
        code, printed = served.stop()
        stopped = time.monotonic() - stopping
    assert code == 0, printed
    # the open game is told to quit at once (textual-serve alone leaves it to aiohttp's shutdown, ~25s)
    assert stopped < STOP_TIMEOUT, f"the server took {stopped:.1f}s to stop"
    assert f"Serving THE CITY at {served.url} (this machine only)" in printed  # 127.0.0.1 unless --host says
    # stopping the server quits the first tab's game, which autosaves too (a new file or a newer one)
    assert _autosaves(served.home) != after_close, "the open tab's game did not save when the server stopped"
    saves = sorted(p.name for p in (served.home / "saves").iterdir())
    assert {"tab-a.json", "tab-b.json"} <= set(saves), saves  # both games save under the server's CITY_HOME
    print(f"\nbrowser: first screen {first_screen:.1f}s, two answers {answered - first_screen:.1f}s after it, "
          f"stopped in {stopped:.1f}s; saves {saves}")


def _autosaves(home: Path) -> dict[str, int]:
    """The autosaves in CITY_HOME and when each was written."""
    folder = home / "saves"
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("autosave*")} if folder.is_dir() else {}


def _wait_for_autosave(home: Path, before: dict[str, int]) -> dict[str, int]:
    deadline = time.monotonic() + ANSWER_TIMEOUT
    while (now := _autosaves(home)) == before:
        if time.monotonic() > deadline:
            pytest.fail(f"the closed tab's game wrote no autosave within {ANSWER_TIMEOUT:.0f}s")
        time.sleep(0.2)
    return now

