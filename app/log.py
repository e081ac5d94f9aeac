"""The program's log (گزارش خطاها): one rotating file in the per-user log folder.

The installer build has no console, so a failure in the field is seen only here.
:func:`setup_logging` is called once by the launcher (tests pass ``tmp_path``);
:func:`log_failure` writes an exception with its whole traceback, and what the user
is told names :func:`log_file` so that the file can be sent to whoever supports them.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from app.paths import APP_NAME

LOGGER_NAME = "dabir"
FILE_NAME = "dabir.log"
MAX_BYTES = 1_000_000  # a year of ordinary use; five old files are kept beside it
BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger(LOGGER_NAME)


def log_dir() -> Path:
    """The per-user log folder (``DABIR_LOG_DIR`` overrides it), not created here."""
    env = os.environ.get("DABIR_LOG_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


_MARK = "_dabir_log"  # set on the handler this module installed, so a second set-up replaces it


def _ours(handler: logging.Handler) -> bool:
    return bool(getattr(handler, _MARK, False))


def setup_logging(folder: Path | None = None, *, level: int = logging.INFO) -> Path:
    """Send the ``dabir`` logger to ``folder/dabir.log`` (default :func:`log_dir`),
    rotating at 1 MB; returns the file's path. Calling it again moves the log."""
    # Imported here: logging.handlers brings socket, pickle and queue, which the first frame can do without.
    from logging.handlers import RotatingFileHandler

    from app.paths import private_folder

    folder = private_folder(folder if folder is not None else log_dir())
    path = folder / FILE_NAME
    for old in [h for h in log.handlers if _ours(h)]:
        log.removeHandler(old)
        old.close()

    class PrivateHandler(RotatingFileHandler):
        """The log is readable by its owner only (0600): it names the user's files and meetings."""

        def _open(self):  # type: ignore[no-untyped-def]
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            if os.name == "posix":
                os.fchmod(fd, 0o600)  # a log written by an older version
            return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

    handler = PrivateHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    setattr(handler, _MARK, True)
    handler.setFormatter(logging.Formatter(_FORMAT))
    log.addHandler(handler)
    log.setLevel(level)
    log.propagate = False  # the file is the record; stderr may not exist (no console)
    return path


def log_file() -> Path | None:
    """Where failures are written now, or None before :func:`setup_logging`."""
    for h in log.handlers:
        if _ours(h) and isinstance(h, logging.FileHandler):
            return Path(h.baseFilename)
    return None


def log_failure(exc: BaseException, what: str) -> Path | None:
    """Write ``exc`` with its traceback, saying what was being done; returns the log's path.

    Before :func:`setup_logging` (the app sets it up once its first frame is out) the log
    is set up here, so no failure goes unwritten; if even that fails, None.
    """
    if log_file() is None:
        try:
            setup_logging()
        except OSError:
            return None
    log.error("%s failed: %s: %s", what, type(exc).__name__, exc, exc_info=(type(exc), exc, exc.__traceback__))
    for h in log.handlers:
        h.flush()
    return log_file()
