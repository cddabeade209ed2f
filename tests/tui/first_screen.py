"""Time from process start to the first screen drawn, in a pty at 80x24: `city` against a bare
Textual app (a header, a line of text and an input) started the same way (issue 17's target: 1.5x).

    python tests/tui/first_screen.py [RUNS]          # the installed `city`
    CITY_SRC=/path/to/checkout python tests/tui/first_screen.py   # another checkout, for a before/after

Both are run in turn, so a busy moment hits both; "first screen" is when the input's placeholder
is drawn (the same frame as the rest of the screen). Reports wall time and the CPU time the
process had used by then (steadier on a shared machine). Use a CITY_HOME without saves.
Not a test: a measuring aid.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time

BARE = """
from textual.app import App
from textual.widgets import Header, Input, Static
class Bare(App):
    def compose(self):
        yield Header()
        yield Static("A line of text.")
        yield Input(placeholder="Type a command (help, look, north...)")
Bare().run()
"""
MARK = b"ype a command"  # the placeholder (its first letter is under the cursor, drawn apart)
CHECKOUT = "import sys; from game.cli import main; sys.exit(main())"


def cpu_seconds(pid: int) -> float:
    """The CPU time (user and system) a process has used so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def once(argv: list[str]) -> tuple[float | None, float | None]:
    """Start argv in an 80x24 pty; (wall seconds, CPU seconds) until its first screen, or Nones."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    buf, found, cpu = b"", None, None
    while time.perf_counter() - start < 20:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                break
            if MARK in buf:
                found, cpu = time.perf_counter() - start, cpu_seconds(pid)
                break
    os.kill(pid, signal.SIGTERM)
    until = time.perf_counter() + 5
    while time.perf_counter() < until:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                break
    os.waitpid(pid, 0)
    os.close(fd)
    return found, cpu


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    city = [os.path.join(os.path.dirname(sys.executable), "city")]
    if os.environ.get("CITY_SRC"):  # another checkout of the game (for a before/after)
        city = ["env", f"PYTHONPATH={os.environ['CITY_SRC']}", sys.executable, "-c", CHECKOUT]
    argvs = {"bare": [sys.executable, "-c", BARE], "city": city}
    walls: dict[str, list[float]] = {"bare": [], "city": []}
    cpus: dict[str, list[float]] = {"bare": [], "city": []}
    for _ in range(runs):  # in turn, so a busy moment hits both
        for name, argv in argvs.items():
            wall, cpu = once(argv)
            if wall is not None and cpu is not None:
                walls[name].append(wall)
                cpus[name].append(cpu)
    for name in walls:
        print(f"{name}: wall median {statistics.median(walls[name]) * 1000:.0f} ms, "
              f"CPU median {statistics.median(cpus[name]) * 1000:.0f} ms "
              f"(walls: {' '.join(f'{v * 1000:.0f}' for v in walls[name])})")
    wall_ratio = statistics.median(walls["city"]) / statistics.median(walls["bare"])
    cpu_ratio = statistics.median(cpus["city"]) / statistics.median(cpus["bare"])
    print(f"city / bare: wall {wall_ratio:.2f}x, CPU {cpu_ratio:.2f}x (target 1.5x)")


if __name__ == "__main__":
    main()
