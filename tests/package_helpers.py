"""Shared by the package tests: a demo store, a certificate, a package, and crafted packages."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

from app.package import format as fmt
from app.store.db import Store, open_store

# 1403/09/03 10:00 in Tehran: the demo's «today» (tests/conftest.py TODAY).
NOW = dt.datetime(2024, 11, 23, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=3, minutes=30)))
PASSWORD = "package-secret"


def make_demo(path: Path) -> Path:
    from app.demo.fill import fill_demo
    from tests.conftest import TODAY

    store = open_store(path)
    fill_demo(store, today=TODAY)
    store.close()
    return path


def make_certificate(path: Path, name: str = "مریم احمدی") -> Path:
    from app.export.certificates import create_local_certificate

    create_local_certificate(path, PASSWORD, name=name, post="دبیر", organisation="استانداری همدان", now=NOW)
    return path


def copy_store(demo: Path, folder: Path, name: str = "dabir.db") -> Store:
    target = folder / name
    shutil.copy(demo, target)
    return open_store(target, create=False)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def write_members(path: Path, content: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in content.items():
            z.writestr(name, data)
    return path


def rehash(content: dict[str, bytes], *, drop_signature: bool = True) -> dict[str, bytes]:
    """The manifest made to agree with changed members (the signature, now stale, dropped)."""
    manifest = json.loads(content[fmt.MANIFEST])
    manifest["files"] = [{"name": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
                         for n, d in content.items() if n not in (fmt.MANIFEST, fmt.SIGNATURE)]
    if drop_signature:
        manifest["signed"] = False
    out = {fmt.MANIFEST: json.dumps(manifest, ensure_ascii=False).encode()}
    out.update({n: d for n, d in content.items() if n != fmt.MANIFEST and not (drop_signature and n == fmt.SIGNATURE)})
    return out


def with_data(content: dict[str, bytes], change: Any) -> dict[str, bytes]:
    """``content`` with data.json changed by ``change(data)`` and the manifest re-hashed (unsigned)."""
    data = json.loads(content[fmt.DATA])
    change(data)
    changed = dict(content)
    changed[fmt.DATA] = json.dumps(data, ensure_ascii=False).encode()
    return rehash(changed)


def zip_bytes(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for info, data in entries:
            z.writestr(info, data)
    return buffer.getvalue()
