"""The ``dabir`` entry point: the command line, and the desktop app when no command is given."""

from __future__ import annotations

import os
import sys


def main() -> int:
    from app.cli import main as cli_main

    _streams_for_a_windowed_program()
    return cli_main(sys.argv[1:], gui=run_gui)


def _streams_for_a_windowed_program() -> None:
    """The Windows bundle's ``dabir.exe`` is windowed: it has no console, and its ``sys.stdout``
    and ``sys.stderr`` are None. What would be printed goes nowhere rather than failing
    (``dabir-cli.exe`` beside it is the command line)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - open for the process's life


def run_gui(db_arg: str | None) -> int:
    # Imported here so that `dabir list …` never loads Qt.
    from ui.shell.application import run

    return run(db_arg)


if __name__ == "__main__":
    sys.exit(main())
