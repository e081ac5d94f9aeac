"""Ready for the Windows PCs of provincial offices, checked here on Linux (issue 10): no POSIX-only
call outside a guarded branch, file names Dabir proposes that Windows accepts, folders from
platformdirs, and resources read through importlib.resources (as the bundle needs)."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.files import proposed_file_name

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(p for package in ("app", "ui", "tools") for p in (ROOT / package).rglob("*.py"))

POSIX_MODULES = {"fcntl", "termios", "pwd", "grp", "resource", "tty", "pty", "posix", "crypt"}
POSIX_CALLS = {("os", name) for name in (
    "fork", "forkpty", "getuid", "geteuid", "getgid", "getegid", "setuid", "setgid", "setsid", "getpgid",
    "killpg", "chown", "lchown", "mkfifo", "mknod", "getloadavg", "sync", "O_NONBLOCK", "O_DIRECTORY",
    "O_NOFOLLOW", "WNOHANG", "wait", "wait3", "wait4")}
POSIX_CALLS |= {("signal", name) for name in ("alarm", "pause", "setitimer", "getitimer", "siginterrupt", "SIGALRM",
                                              "SIGHUP", "SIGKILL", "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGPIPE", "SIGQUIT",
                                              "SIGSTOP", "SIGCONT", "SIGTSTP", "SIGWINCH")}


def _guarded(test: ast.expr) -> bool:
    """``if os.name == "posix"``, ``if sys.platform …``, ``if hasattr(os, …)``: a branch that
    runs only where the call exists (as does ``try: import resource`` with its ``except ImportError``)."""
    text = ast.unparse(test)
    return any(word in text for word in ("os.name", "sys.platform", "hasattr(os", "hasattr(signal", "platform.system"))


def posix_only_uses(source: str) -> list[tuple[int, str]]:
    """(line, what) of every POSIX-only module or call in ``source`` outside a guarded branch."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, guarded: bool) -> None:
        if isinstance(node, ast.If) and _guarded(node.test):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, guarded)
            return
        if isinstance(node, ast.Try) and any(
                "ImportError" in ast.unparse(h.type) for h in node.handlers if h.type is not None):
            for child in node.body:  # ``try: import resource`` / ``except ImportError:``: Windows goes there
                visit(child, True)
            for child in [*node.handlers, *node.orelse, *node.finalbody]:
                visit(child, guarded)
            return
        if not guarded:
            if isinstance(node, ast.Import):
                found.extend((node.lineno, a.name) for a in node.names if a.name.split(".")[0] in POSIX_MODULES)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in POSIX_MODULES:
                found.append((node.lineno, node.module or ""))
            elif isinstance(node, ast.ImportFrom) and node.module in ("os", "signal"):
                found.extend((node.lineno, f"{node.module}.{a.name}") for a in node.names
                             if (node.module, a.name) in POSIX_CALLS)
            elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                  and (node.value.id, node.attr) in POSIX_CALLS):
                found.append((node.lineno, f"{node.value.id}.{node.attr}"))
        for child in ast.iter_child_nodes(node):
            visit(child, guarded)

    visit(ast.parse(source), False)
    return found


def test_the_scan_finds_what_it_looks_for() -> None:
    """The scanner is not blind: each kind of use is found, and a guarded one is not."""
    hostile = ("import fcntl\nfrom os import fork\nimport os, signal\nos.getuid()\nsignal.signal(signal.SIGHUP, f)\n"
               "x = os.O_NONBLOCK\n"
               "if os.name == 'posix':\n    os.chown(p, 1, 1)\nelse:\n    os.killpg(1, 2)\n"
               "signal.signal(signal.SIGTERM, f)\nsignal.signal(signal.SIGINT, f)\n"
               "try:\n    import resource\nexcept ImportError:\n    resource = None\n")
    assert posix_only_uses(hostile) == [(1, "fcntl"), (2, "os.fork"), (4, "os.getuid"), (5, "signal.SIGHUP"),
                                        (6, "os.O_NONBLOCK"), (10, "os.killpg")]


def test_no_posix_only_call_outside_a_guarded_branch() -> None:
    found = {str(p.relative_to(ROOT)): uses for p in SOURCES if (uses := posix_only_uses(p.read_text(encoding="utf-8")))}
    assert found == {}, "use a guarded branch, getattr(os, NAME, default) or a library such as filelock"


def windows_problem(name: str) -> str:
    """Why Windows would refuse ``name`` as a file name; "" when it would take it."""
    if not name:
        return "empty"
    if bad := set(re.findall(r'[\\/:*?"<>|\x00-\x1f]', name)):
        return f"holds {sorted(bad)}"
    if name[-1] in ". ":
        return "ends in a dot or a space"
    # Microsoft's list («Naming Files, Paths, and Namespaces»), superscript digits and the console's two included.
    if name.split(".")[0].strip().upper() in {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                                              *(f"{port}{n}" for port in ("COM", "LPT") for n in "123456789¹²³")}:
        return "a reserved device name"
    if len(name) > 200:
        return "too long for a path under 260 characters"
    return ""


HOSTILE_NAMES = ["CON", "nul", "com1.txt", "LPT9", "COM¹", "conout$", "کمیته: آموزش؟", 'a"b<c>d|e*f', "پایان.", "پایان ", "...",
                 "کمیته\\آموزش/پژوهش", "x" * 400, "خط\nدوم\tتب", "", "کمیته ۳ آموزش"]


@pytest.mark.parametrize("body", HOSTILE_NAMES)
def test_every_proposed_file_name_is_valid_on_windows(body: str) -> None:
    """Each place that proposes a file name goes through one function; a body's name may be anything."""
    from app.export.certificates import default_certificate_path
    from app.package.export import suggested_package_name
    from ui.meeting.cosign_dialog import cosigned_name
    from ui.meeting.minutes_actions import default_file_name

    names = [
        default_file_name(body, 3, dt.date(2024, 11, 23)),
        default_file_name(body, None, None, kind="ابلاغ مصوبات"),
        suggested_package_name(body, 1403, 2),
        default_certificate_path(body).name,
        cosigned_name(Path("/tmp") / default_file_name(body, 3, dt.date(2024, 11, 23))).name,
        proposed_file_name("آمار و عملکرد", body, "1403-09-03", suffix=".pdf"),
    ]
    for name in names:
        assert windows_problem(name) == "", (name, windows_problem(name))
        assert not re.search("[\u06f0-\u06f9]", name), name  # one digit system: Latin


def test_a_long_body_name_is_shortened_not_what_tells_files_apart() -> None:
    from ui.meeting.cosign_dialog import cosigned_name
    from ui.meeting.minutes_actions import default_file_name

    body = "کمیته " * 80
    third, fourth = default_file_name(body, 3, dt.date(2024, 11, 23)), default_file_name(body, 4, dt.date(2024, 11, 23))
    assert third != fourth and third.endswith("جلسه 3 - 1403-09-03.pdf") and len(third) <= 200
    assert cosigned_name(Path(third)).name.endswith("امضای همکار.pdf") and cosigned_name(Path(third)).name != third


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=4), st.sampled_from([".pdf", ".zip", ".p12", ".xlsx"]))
def test_any_text_gives_a_valid_windows_name(parts: list[str], suffix: str) -> None:
    name = proposed_file_name(*parts, suffix=suffix)
    assert windows_problem(name) == "", (parts, name)
    assert name.endswith(suffix)


def test_folders_come_from_platformdirs() -> None:
    """No folder is spelt out for one system: the data, log and certificates folders come from
    platformdirs (or an environment variable), so Windows gets %LOCALAPPDATA%."""
    spelt = re.compile(r"""["'](~/|/home/|/tmp/|/var/|\.local/share|\.config/|AppData|%APPDATA%|%LOCALAPPDATA%|C:\\\\)""")
    found = [f"{p.relative_to(ROOT)}:{n}" for p in SOURCES if p.parts[-2] != "tools"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if spelt.search(line) and not line.lstrip().startswith("#")]
    assert found == []
    users = {p.relative_to(ROOT).as_posix() for p in SOURCES if "platformdirs" in p.read_text(encoding="utf-8")}
    assert {"app/paths.py", "app/log.py"} <= users


# A developer's generator that writes source beside itself; the program never runs it.
FILE_ALLOWED = {"app/store/queries.py"}


def test_resources_are_read_through_importlib_resources() -> None:
    """``__file__`` points into a zip or nowhere in a bundle: fonts, icons, translations, the
    migrations and the schema are found with importlib.resources."""
    users = sorted(p.relative_to(ROOT).as_posix() for p in SOURCES if p.parts[-2] != "tools"
                   and "__file__" in p.read_text(encoding="utf-8"))
    assert set(users) <= FILE_ALLOWED, users
