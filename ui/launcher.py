"""The ``dabir`` entry point: the command line, and the desktop app when no command is given."""

from __future__ import annotations

import sys


def main() -> int:
    from app.cli import main as cli_main

    return cli_main(sys.argv[1:], gui=run_gui)


def run_gui(db_arg: str | None) -> int:
    # Imported here so that `dabir list …` never loads Qt.
    from ui.shell.application import run

    return run(db_arg)


if __name__ == "__main__":
    sys.exit(main())
