"""`city serve`: the Textual app as a web page, one game per browser tab (textual-serve).

textual-serve runs a shell command for each browser connection and relays its terminal
output to xterm.js in the page, so every tab is a process of its own running the very app
`city` runs in a terminal (`city play --app`: the app although its stdin and stdout are
textual-serve's pipes). The child inherits this process's environment, so its saves go to
the same CITY_HOME; closing the tab (or stopping the server) quits its game, which autosaves
as quitting the app in a terminal does.

What this module adds to textual-serve's `Server`:
- errors said in one sentence before anything is served (a port in use, a host that is not
  this machine's or does not resolve) and a non-zero exit, not a traceback;
- the page's own links (its websocket, its scripts) made from the address the browser used:
  textual-serve writes absolute URLs from the host it listens on, which a browser elsewhere
  cannot reach when that host is 0.0.0.0, and which is not a URL at all for `::1`;
- the page's font from textual-serve's own files, not from Google's servers;
- only pages it served may open a game: a websocket from another site's page (its Origin
  differs) is refused, and when listening on this machine only, a request that names another
  host (a DNS-rebinding page) is refused too. Without this, any web page open in the same
  browser could start games and type into them.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import re
import shlex
import socket
import sys
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from aiohttp import web
    from textual_serve.server import Server

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2  # as game.cli's
TITLE = "THE CITY"
QUIT_TIMEOUT = 20.0  # seconds the open games have to save and end when the server stops
_WILDCARDS = frozenset({"0.0.0.0", "::", ""})


class ServeError(Exception):
    """Why the server cannot start, as a sentence for the player, and the exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def child_command(mods: list[str], no_mods: bool = False) -> str:
    """The shell command textual-serve runs for each tab: this Python, this package, the same
    mods as typed (the child starts in this process's folder, so relative ones still hold),
    quoted for the shell, which textual-serve runs it with."""
    return shlex.join([sys.executable, "-m", "game", "play", "--app", *(f"--mod={m}" for m in mods),
                       *(["--no-mods"] if no_mods else [])])


def check_address(host: str, port: int) -> None:
    """Raise ServeError unless `host`:`port` can be listened on now.

    aiohttp would say the same with a traceback, and only after textual-serve has announced
    that it is serving; binding a probe socket first (with SO_REUSEADDR, as asyncio's own
    listener does) turns each failure into one sentence.
    """
    if not 1 <= port <= 65535:
        raise ServeError(f"--port must be a number from 1 to 65535, not {port}.", EXIT_USAGE)
    if not host.strip():
        raise ServeError("--host needs a name or an address, such as 127.0.0.1 or 0.0.0.0.", EXIT_USAGE)
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as err:
        reason = err.strerror if isinstance(err, socket.gaierror) else str(err)
        raise ServeError(f"cannot serve on host {host!r}: it is not a name or address this machine can use ({reason}).") from None
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as err:
                raise ServeError(_bind_failure(host, port, err)) from None


def _bind_failure(host: str, port: int, err: OSError) -> str:
    if err.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is already in use (another `city serve`?): stop that, or choose another with --port."
    if err.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this machine: use one of its own, 127.0.0.1 (this machine only) or 0.0.0.0 (all)."
    if err.errno == errno.EACCES:
        return f"not allowed to listen on port {port} (ports below 1024 need an administrator): choose another with --port."
    return f"cannot listen on {host} port {port}: {err.strerror or err}."


def display_url(host: str, port: int) -> str:
    """The address to open in a browser on this machine (a wildcard host is reached as localhost)."""
    name = "localhost" if host in _WILDCARDS else host
    if ":" in name:  # an IPv6 literal
        name = f"[{name}]"
    return f"http://{name}:{port}/"


def loopback_only(host: str) -> bool:
    """Whether listening on `host` serves this machine alone (localhost, 127.x, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def request_allowed(host_header: str, origin: str | None, local: bool) -> bool:
    """Whether a request may reach the game: a browser's Origin, when sent, is the page's own
    host (so another site cannot open a game), and a server of this machine only answers only
    to this machine's names (so a rebound DNS name cannot reach it)."""
    if origin is not None and urlsplit(origin).netloc.lower() != host_header.lower():
        return False
    return not local or loopback_only(urlsplit(f"//{host_header}").hostname or "")


_WEB_FONT = re.compile(r'<link\s+rel="stylesheet"\s+href="https://fonts\.googleapis\.com/[^"]*"\s*/?>')
_LOCAL_FONT = """<link rel="preload" href="{static}fonts/RobotoMono-VariableFont_wght.ttf" as="font" type="font/ttf" crossorigin>
    <style>
      @font-face {{ font-family: "Roboto Mono"; font-weight: 100 700;
        src: url("{static}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }}
      @font-face {{ font-family: "Roboto Mono"; font-weight: 100 700; font-style: italic;
        src: url("{static}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }}
    </style>"""


def local_font(page: str, static_url: str) -> str:
    """textual-serve's page with its font from textual-serve's own static files, which ship it,
    instead of Google's: a game on this machine tells no other site that it is played, and
    keeps its font without a network. (A page without that link is left as it is.)"""
    return _WEB_FONT.sub(lambda _: _LOCAL_FONT.format(static=static_url), page, count=1)


def serve(host: str, port: int, mods: list[str], no_mods: bool = False) -> int:
    """Serve the game on `host`:`port` until Ctrl+C; the exit code of `city serve`."""
    try:
        check_address(host, port)
    except ServeError as err:
        sys.stderr.write(f"city: {err}\n")
        return err.code
    server = _make_server(host, port, child_command(mods, no_mods))
    try:
        server.serve()
    except OSError as err:  # taken between the check and the listen
        sys.stderr.write(f"city: {_bind_failure(host, port, err)}\n")
        return EXIT_ERROR
    return EXIT_OK


def _make_server(host: str, port: int, command: str) -> Server:
    """textual-serve's Server with the changes the module docstring lists (built here so that
    importing this module does not import textual-serve and aiohttp)."""
    from aiohttp import web
    from textual_serve.server import Server

    local = loopback_only(host)

    class CityServer(Server):
        def __init__(self) -> None:
            super().__init__(command, host=host, port=port, title=TITLE)
            self.games: set[asyncio.Task[Any]] = set()  # the handlers of the open tabs' websockets

        def initialize_logging(self) -> None:
            super().initialize_logging()
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # not a line per request: errors only

        async def on_startup(self, app: web.Application) -> None:
            where = "this machine only" if local else "every network this machine is on"
            print(f"Serving {TITLE} at {display_url(host, port)} ({where}): one game per browser tab.\n"
                  "Press Ctrl+C to stop (each open game saves as it quits).", flush=True)

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            self._check(request)
            # the page's URLs from the address the browser used: textual-serve reads public_url
            # before its handler's first await, so no other request's can come between
            base = self.public_url = f"{request.scheme}://{request.host}"
            page = await super().handle_index(request)
            if isinstance(page, web.Response) and page.text is not None:
                page.text = local_font(page.text, f"{base}/static/")
            return page

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            self._check(request)
            game = asyncio.current_task()
            assert game is not None  # aiohttp runs each request in a task
            self.games.add(game)
            try:
                return await super().handle_websocket(request)
            finally:
                self.games.discard(game)

        async def on_shutdown(self, app: web.Application) -> None:
            """Quit every open tab's game before the server goes: cancelled, textual-serve's
            handler tells its app to quit and waits for it to end, so each game autosaves as
            a game quitting in a terminal does. Left to aiohttp, the handlers are cut off only
            after its shutdown wait (about 25 seconds), and the server takes that long to stop."""
            games = list(self.games)
            for game in games:
                game.cancel()
            if games:
                await asyncio.wait(games, timeout=QUIT_TIMEOUT)

        @staticmethod
        def _check(request: web.Request) -> None:
            if not request_allowed(request.host, request.headers.get("Origin"), local):
                raise web.HTTPForbidden(text="THE CITY is served only to its own pages on this address.\n")

    return CityServer()
