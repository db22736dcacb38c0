"""Records docs/cli-session.txt: the tutorial's artifact workflow typed into two tmux
terminals (a server, a user), with the screens captured as they are.

Run from the repository root with `dioptra` on PATH and tmux installed:
    python scripts/record_cli_session.py [--out docs/cli-session.txt]
Uses /tmp/dioptra-demo (data) and /tmp/demo (the user's folder and config, with a link
to examples/); both are made afresh.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

WIDTH = 104
SESSION = "dioptra-cli-session"
DATA = Path("/tmp/dioptra-demo")
HOME = Path("/tmp/demo")
PASSWORD = "Tutorial-pass-1!"
PORT = 27400
REPO = Path(__file__).resolve().parents[1]


def tmux(*args: str) -> str:
    # A tmux server of its own, started from this environment (PATH, PYTHONPATH).
    command = ["tmux", "-L", SESSION, *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def screen(pane: str) -> str:
    return tmux("capture-pane", "-p", "-t", pane, "-S", "-10000")


def _prompts(text: str) -> tuple[int, bool]:
    """How many prompt lines the screen shows, and whether it ends at an empty prompt."""
    lines = text.rstrip().splitlines()
    return sum(line == "$" or line.startswith("$ ") for line in lines), lines[-1:] == ["$"]


def typed(pane: str, line: str, *, until: str | None = None, timeout: float = 120) -> str:
    """Types a line, then waits for the next prompt (or for `until` to appear)."""
    before, _ = _prompts(screen(pane))
    tmux("send-keys", "-t", pane, "-l", line)
    tmux("send-keys", "-t", pane, "Enter")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = screen(pane)
        count, at_prompt = _prompts(text)
        if until is not None and re.search(until, text.split(line, 1)[-1], re.M):
            time.sleep(0.5)  # a password prompt reads only once it has set up the terminal
            return text
        if until is None and at_prompt and count > before:
            return text
        time.sleep(0.2)
    raise TimeoutError(f"no prompt after {line!r}:\n{screen(pane)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "cli-session.txt")
    out = parser.parse_args().out
    for folder in (DATA, HOME):
        shutil.rmtree(folder, ignore_errors=True)
    HOME.mkdir()
    (HOME / "examples").symlink_to(REPO / "examples")  # as in a checkout: examples/tutorial
    env = {
        "PS1": "$ ",
        "DIOPTRA_CONFIG_DIR": str(HOME / "config"),
        "NO_COLOR": "1",
        "MPLBACKEND": "Agg",
    }
    exports = " ".join(f"{key}='{value}'" for key, value in env.items())
    setup = f"export {exports}; cd {HOME}; clear"
    if _has_session():
        tmux("kill-session", "-t", SESSION)
    tmux("new-session", "-d", "-s", SESSION, "-x", str(WIDTH), "-y", "50", "bash --norc")
    tmux("set-option", "-t", SESSION, "history-limit", "20000")
    tmux("split-window", "-t", SESSION, "-v", "bash --norc")
    server, user = f"{SESSION}:0.0", f"{SESSION}:0.1"
    for pane in (server, user):
        tmux("resize-pane", "-t", pane, "-x", str(WIDTH))
        tmux("send-keys", "-t", pane, "-l", setup)
        tmux("send-keys", "-t", pane, "Enter")
        time.sleep(0.5)
        tmux("clear-history", "-t", pane)
    try:
        typed(
            server,
            f"dioptra up --no-browser --port {PORT} --data-dir {DATA}",
            until="Press Ctrl",
        )
        time.sleep(1)
        typed(
            user,
            f"dioptra user create ada --email ada@example.org --data-dir {DATA}",
            until="^Password:",
        )
        typed(user, PASSWORD, until="^Repeat")
        typed(user, PASSWORD)
        typed(user, "dioptra login --username ada", until="^Password:")
        typed(user, PASSWORD)
        typed(user, "dioptra queues create tutorial")
        typed(user, "dioptra import examples/tutorial")
        # A mistake, as a user makes one: the error names the file and line to fix.
        typed(user, "cp -r examples/tutorial typo")
        typed(user, "sed -i 's/    nonlinear_transform:/    nonlinear_transfrm:/' "
                    "typo/entrypoints/sample_and_transform.yml")  # fmt: skip
        typed(user, "dioptra import typo --strategy update")
        typed(
            user,
            "dioptra run tutorial sample_and_save_artifact -p sample_size=500 -p seed=7 "
            "--queue tutorial --create-experiment",
            timeout=300,
        )
        text = typed(user, "dioptra artifacts list -n 3")
        artifact_id = re.findall(r"│ (\d+) +│ \d+ +│ transformed_array", text)[-1]
        typed(user, f"dioptra artifacts download {artifact_id} -o downloads")
        typed(
            user,
            "python -c \"import numpy as np; a = np.load('downloads/transformed_array.npy'); "
            'print(a.shape, a.min().round(3), a.max().round(3))"',
        )
        typed(
            user,
            f"dioptra run tutorial rescale_and_graph_array --artifact array={artifact_id} "
            "--queue tutorial",
            timeout=300,
        )
        typed(user, "dioptra jobs")
        typed(user, "dioptra jobs show 999")
        typed(user, "ls config")
        session = _transcript(screen(server), screen(user))
    finally:
        tmux("send-keys", "-t", server, "C-c")
        time.sleep(2)
        tmux("kill-session", "-t", SESSION)
    out.write_text(session)
    print(f"wrote {out}")


def _has_session() -> bool:
    found = subprocess.run(
        ["tmux", "-L", SESSION, "has-session", "-t", SESSION], capture_output=True
    )
    return found.returncode == 0


def _transcript(server: str, user: str) -> str:
    header = (
        "# A real terminal session: the commands were typed into tmux (send-keys) and the\n"
        f"# screens captured (capture-pane), {WIDTH} columns wide; a fresh data folder, the\n"
        "# tutorial project from examples/tutorial. Made by scripts/record_cli_session.py.\n"
        "# Terminal 1 starts the server (on a port of its own: the commands find it):\n\n"
    )
    return (
        header
        + _trimmed(server)
        + "\n\n# Terminal 2, the user (no DIOPTRA_API: `dioptra up` recorded where it listens):\n\n"
        + _trimmed(user)
        + "\n"
    )


def _trimmed(text: str) -> str:
    lines = [line.rstrip() for line in text.rstrip().splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


if __name__ == "__main__":
    os.chdir(REPO)
    main()
