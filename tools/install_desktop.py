"""Put Dabir in a Linux desktop's menu: ``python -m tools.install_desktop [--program PATH]``
(``make install-desktop``).

Writes resources/dabir.desktop, with ``Exec`` naming the program that runs it (the ``dabir`` of
this virtualenv, or ``--program`` for a bundle's), into ``$XDG_DATA_HOME/applications``, and the
emblem into the icon theme (``hicolor``, as PNG and SVG), for the current user only; nothing
needs root. Run it again after moving the program.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
from importlib.resources import files
from pathlib import Path


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def default_program() -> Path:
    """The ``dabir`` beside the running Python (a virtualenv's bin/), else the one on PATH."""
    beside = Path(sys.executable).with_name("dabir")
    found = beside if beside.is_file() else shutil.which("dabir")
    if not found:
        raise SystemExit("dabir was not found beside this Python or on PATH; give --program PATH")
    return Path(found).absolute()  # not resolved: a virtualenv's python links out of it


def install(program: Path, home: Path) -> list[Path]:
    """Write the entry and the icons under ``home`` (an XDG data folder); returns what was written."""
    resources = files("resources")
    entry = resources.joinpath("dabir.desktop").read_text(encoding="utf-8")
    exec_line = "Exec=" + shlex.quote(str(program)).replace("%", "%%")
    entry = "\n".join(exec_line if line.startswith("Exec=") else line for line in entry.splitlines()) + "\n"
    written = []
    targets = [
        (home / "applications" / "dabir.desktop", entry.encode("utf-8")),
        (home / "icons" / "hicolor" / "256x256" / "apps" / "dabir.png",
         resources.joinpath("icons", "dabir.png").read_bytes()),
        (home / "icons" / "hicolor" / "scalable" / "apps" / "dabir.svg",
         resources.joinpath("icons", "dabir.svg").read_bytes()),
    ]
    for path, content in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--program", type=Path, help="the dabir program the menu entry runs")
    args = parser.parse_args(argv)
    program = args.program.absolute() if args.program else default_program()
    if not program.is_file():
        raise SystemExit(f"{program} is not a file")
    for path in install(program, data_home()):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
