"""``dabir package import``: verify first, preview, merge by UUID; received records read-only;
every refusal with a crafted package leaves the store unchanged."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.errors import UserError
from app.package import format as fmt
from app.package.export import export_package
from app.package.import_ import import_package
from app.store.db import Store, open_store
from tests.package_helpers import (
    NOW,
    PASSWORD,
    copy_store,
    make_certificate,
    make_demo,
    members,
    rehash,
    with_data,
    write_members,
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A committee office's store, its summer package (unsigned and signed), a certificate."""
    folder = tmp_path_factory.mktemp("world")
    demo = make_demo(folder / "demo.db")
    cert = make_certificate(folder / "s.p12")
    store = copy_store(demo, folder, "office.db")
    try:
        export_package(store, 1, 1403, 2, folder / "summer.zip", sub_bodies=True, now=NOW)
        export_package(store, 5, 1403, 2, folder / "signed.zip", sign=(cert, PASSWORD), now=NOW)
    finally:
        store.close()
    return {"demo": demo, "office": folder / "office.db", "summer": folder / "summer.zip",
            "signed": folder / "signed.zip", "cert": cert, "folder": folder}


def _empty(tmp_path: Path, name: str = "province.db") -> Store:
    return open_store(tmp_path / name)


_TABLES = ("bodies", "units", "people", "meetings", "agenda_items", "attendance", "discussion_entries",
           "resolutions", "resolution_collaborators", "follow_ups", "deadline_extensions", "amendments",
           "meeting_revisions", "package_origins")


def _dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sorted(store.fetch_all(f"SELECT * FROM {t}"), key=repr) for t in _TABLES}


def _records(store: Store, meeting_uuids: set[str]) -> dict[str, Any]:
    """Every field of the given meetings and what hangs on them, ids replaced by uuids."""
    q = store.fetch_all
    out: dict[str, Any] = {}
    for row in q("SELECT m.uuid, b.uuid, b.name, m.year, m.number, m.date, m.start_time, m.end_time, m.place, "
                 "m.status, c.uuid, sec.uuid, m.finalised_at, m.revision, m.fingerprint, m.letter_number, "
                 "m.letter_date, m.id FROM meetings m JOIN bodies b ON b.id = m.body_id "
                 "LEFT JOIN people c ON c.id = m.chair_id LEFT JOIN people sec ON sec.id = m.secretary_id"):
        if row[0] not in meeting_uuids:
            continue
        mid = row[-1]
        out[row[0]] = {
            "meeting": row[:-1],
            "agenda": q("SELECT uuid, position, text FROM agenda_items WHERE meeting_id = :m ORDER BY uuid", m=mid),
            "attendance": q("SELECT a.uuid, p.uuid, p.name, a.position, a.kind, a.status, a.deputy_name, a.post, "
                            "a.organisation FROM attendance a JOIN people p ON p.id = a.person_id "
                            "WHERE meeting_id = :m ORDER BY a.uuid", m=mid),
            "discussion": q("SELECT d.uuid, d.position, d.speaker, d.text, ai.uuid FROM discussion_entries d "
                            "LEFT JOIN agenda_items ai ON ai.id = d.agenda_item_id WHERE d.meeting_id = :m "
                            "ORDER BY d.uuid", m=mid),
            "resolutions": q("SELECT r.uuid, r.number, r.text, u.name, r.deadline, r.standing, r.status, s.uuid, "
                             "(SELECT group_concat(cu.name, '|') FROM resolution_collaborators rc JOIN units cu "
                             "ON cu.id = rc.unit_id WHERE rc.resolution_id = r.id ORDER BY rc.position) "
                             "FROM resolutions r LEFT JOIN units u ON u.id = r.lead_unit_id "
                             "LEFT JOIN resolutions s ON s.id = r.superseded_by_id WHERE r.meeting_id = :m "
                             "ORDER BY r.uuid", m=mid),
            "follow_ups": q("SELECT f.uuid, r.uuid, f.date, f.reporter, u.name, f.text, f.progress, f.new_deadline, "
                            "f.status_after, f.created_at FROM follow_ups f JOIN resolutions r ON r.id = "
                            "f.resolution_id LEFT JOIN units u ON u.id = f.reporter_unit_id WHERE r.meeting_id = :m "
                            "ORDER BY f.uuid", m=mid),
            "extensions": q("SELECT e.uuid, r.uuid, e.date, e.old_deadline, e.new_deadline, e.reason, e.granted_by, "
                            "g.uuid, e.created_at FROM deadline_extensions e JOIN resolutions r ON r.id = "
                            "e.resolution_id LEFT JOIN resolutions g ON g.id = e.granted_by_resolution_id "
                            "WHERE r.meeting_id = :m ORDER BY e.uuid", m=mid),
            "amendments": q("SELECT uuid, revision, reason, os_user, secretary, created_at, changes FROM amendments "
                            "WHERE meeting_id = :m ORDER BY revision", m=mid),
            "revisions": q("SELECT revision, fingerprint, created_at, content FROM meeting_revisions "
                           "WHERE meeting_id = :m ORDER BY revision", m=mid),
        }
    return out


def _first_difference(a: dict[str, Any], b: dict[str, Any]) -> str:
    for uuid in sorted(set(a) | set(b)):
        for part in a.get(uuid, b.get(uuid, {})):
            x, y = a.get(uuid, {}).get(part), b.get(uuid, {}).get(part)
            if x != y:
                return f"{uuid} {part}: {x!r} != {y!r}"
    return ""


def _package_meetings(path: Path) -> set[str]:
    return {m["uuid"] for m in json.loads(members(path)[fmt.DATA])["meetings"]}


def test_round_trip_every_field_then_twice_changes_nothing(world: dict[str, Path], tmp_path: Path) -> None:
    source = open_store(world["office"], create=False)
    province = _empty(tmp_path)
    try:
        uuids = _package_meetings(world["summer"])
        preview = import_package(province, world["summer"], allow_unsigned=True, now=NOW)
        assert preview.dry_run and preview.added["meeting"] == len(uuids) and _dump(province)["meetings"] == []
        result = import_package(province, world["summer"], allow_unsigned=True, dry_run=False, now=NOW)
        assert result.added == preview.added and result.changes.everything
        assert not _first_difference(_records(province, uuids), _records(source, uuids))
        before = _dump(province)
        again = import_package(province, world["summer"], allow_unsigned=True, dry_run=False, now=NOW)
        assert not again.has_changes and _dump(province) == before
        assert "چیز تازه‌ای ندارد" in again.describe()
        received = province.fetch_all("SELECT COUNT(*) FROM meetings WHERE origin_id IS NULL")
        assert received == [(0,)]
    finally:
        source.close()
        province.close()


def test_received_meetings_are_read_only(world: dict[str, Path], tmp_path: Path) -> None:
    from app.services.followup import add_follow_up
    from app.services.meetings import load_meeting, save_meeting

    province = _empty(tmp_path)
    try:
        import_package(province, world["summer"], allow_unsigned=True, dry_run=False, now=NOW)
        (mid,), = province.fetch_all("SELECT id FROM meetings LIMIT 1")
        (rid,), = province.fetch_all("SELECT id FROM resolutions WHERE meeting_id = :m LIMIT 1", m=mid)
        before = _dump(province)
        data = load_meeting(province, mid)
        data.place = "جای دیگر"
        with pytest.raises(UserError) as saving:
            save_meeting(province, data, today=NOW.date(), now=NOW)
        with pytest.raises(UserError) as reporting:
            add_follow_up(province, rid, date=NOW.date(), reporter="کسی", text="گزارش", progress=50,
                          status_after="in_progress", today=NOW.date())
        assert saving.value.code == reporting.value.code == "meeting_received"
        assert "فقط‌خواندنی" in saving.value.message and _dump(province) == before
    finally:
        province.close()


def test_a_later_package_adds_new_history_and_a_newer_revision_keeps_the_older(world: dict[str, Path],
                                                                               tmp_path: Path) -> None:
    from app.services.amendments import amend
    from app.services.followup import add_follow_up
    from app.services.meetings import load_meeting

    office = copy_store(world["office"], tmp_path, "office.db")
    province = _empty(tmp_path)
    try:
        import_package(province, world["summer"], allow_unsigned=True, dry_run=False, now=NOW)
        uuids = _package_meetings(world["summer"])
        (mid, muuid), = office.fetch_all("SELECT id, uuid FROM meetings WHERE uuid IN ({}) AND body_id = 5 LIMIT 1"
                                         .format(",".join(f"'{u}'" for u in uuids)))
        (rid,), = office.fetch_all("SELECT id FROM resolutions WHERE meeting_id = :m AND status IN "
                                          "('not_started', 'in_progress') LIMIT 1", m=mid)
        add_follow_up(office, rid, date=NOW.date(), reporter="واحد", text="گزارش تازه", progress=80,
                      status_after="in_progress", today=NOW.date())
        data = load_meeting(office, mid)
        data.place = data.place + " (اصلاح)"
        amend(office, mid, data, "جای جلسه درست نوشته نشده بود", now=NOW + dt.timedelta(hours=1), today=NOW.date())
        export_package(office, 5, 1403, 2, tmp_path / "again.zip", now=NOW + dt.timedelta(days=1))
        local_before = province.fetch_all("SELECT uuid, date, text FROM follow_ups ORDER BY uuid")
        result = import_package(province, tmp_path / "again.zip", allow_unsigned=True, dry_run=False,
                                now=NOW + dt.timedelta(days=2))
        assert result.added["follow_up"] == 1 and result.added["amendment"] == 1 and result.added["revision"] == 1
        assert result.changed["meeting"] == 1 and result.added["meeting"] == 0
        after = province.fetch_all("SELECT uuid, date, text FROM follow_ups ORDER BY uuid")
        assert set(local_before) < set(after) and len(after) == len(local_before) + 1
        revs = province.fetch_all("SELECT m.revision, r.revision, m.place FROM meetings m JOIN meeting_revisions r "
                                  "ON r.meeting_id = m.id WHERE m.uuid = :u ORDER BY r.revision", u=muuid)
        assert [r[1] for r in revs] == [1, 2] and revs[0][0] == 2 and revs[0][2].endswith("(اصلاح)")
        difference = _first_difference(_records(province, {muuid}), _records(office, {muuid}))
        assert not difference
    finally:
        office.close()
        province.close()


def test_a_newer_revision_that_drops_lines_removes_them_and_the_import_is_in_the_audit_log(
        world: dict[str, Path], tmp_path: Path) -> None:
    """The amended minutes lose an agenda item, an attendee, a discussion entry and a resolution with
    no history, and two resolutions swap numbers: the province's copy follows, field by field."""
    from app.services.amendments import amend
    from app.services.audit import audit_lines
    from app.services.meetings import load_meeting

    office = copy_store(world["office"], tmp_path, "office.db")
    province = _empty(tmp_path)
    try:
        import_package(province, world["summer"], allow_unsigned=True, dry_run=False, now=NOW)
        uuids = _package_meetings(world["summer"])
        candidates = office.fetch_all(
            "SELECT m.id, m.uuid FROM meetings m WHERE m.body_id = 5 AND m.uuid IN ({}) AND "
            "(SELECT COUNT(*) FROM resolutions r WHERE r.meeting_id = m.id AND NOT EXISTS "
            "(SELECT 1 FROM follow_ups f WHERE f.resolution_id = r.id) AND NOT EXISTS "
            "(SELECT 1 FROM deadline_extensions e WHERE e.resolution_id = r.id OR e.granted_by_resolution_id = r.id)"
            ") >= 1 AND (SELECT COUNT(*) FROM resolutions r WHERE r.meeting_id = m.id) >= 3 "
            "AND (SELECT COUNT(*) FROM agenda_items a WHERE a.meeting_id = m.id) >= 2 ORDER BY m.id"
            .format(",".join(f"'{u}'" for u in uuids)))
        assert candidates, "the demo has a final meeting with a resolution free of history"
        mid, muuid = candidates[0]
        data = load_meeting(office, mid)
        free = next(i for i, r in enumerate(data.resolutions) if not r.follow_ups and not r.extensions)
        gone_resolution = data.resolutions.pop(free).uuid
        data.resolutions[0], data.resolutions[1] = data.resolutions[1], data.resolutions[0]  # renumbered
        gone_agenda = data.agenda[-1].uuid
        data.discussion = [d for d in data.discussion if d.agenda_index != len(data.agenda) - 1]
        data.agenda.pop()
        gone_attendee = data.attendees.pop().uuid
        amend(office, mid, data, "مصوبه‌ای که تکراری بود برداشته شد", now=NOW + dt.timedelta(hours=1),
              today=NOW.date())
        export_package(office, 5, 1403, 2, tmp_path / "amended.zip", now=NOW + dt.timedelta(days=1))
        preview = import_package(province, tmp_path / "amended.zip", allow_unsigned=True, now=NOW)
        assert preview.removed["resolution"] == 1 and preview.removed["agenda"] == 1
        assert "حذف‌شده در ویرایش تازه" in preview.describe()
        before = len(audit_lines(province))
        result = import_package(province, tmp_path / "amended.zip", allow_unsigned=True, dry_run=False,
                                now=NOW + dt.timedelta(days=2))
        assert result.removed["resolution"] == 1 and result.removed["attendance"] == 1
        for table, uid in (("resolutions", gone_resolution), ("agenda_items", gone_agenda),
                           ("attendance", gone_attendee)):
            assert province.fetch_all(f"SELECT COUNT(*) FROM {table} WHERE uuid = :u", u=uid) == [(0,)], table
        assert not _first_difference(_records(province, {muuid}), _records(office, {muuid}))

        lines = audit_lines(province)[before:]
        package_line = next(line for line in lines if line.entity == "package")
        assert package_line.action_label == "دریافت از بسته"
        assert package_line.after is not None and package_line.after["package"] == "amended.zip"
        assert package_line.after["removed"]["resolution"] == 1 and "amended.zip" in package_line.summary()
        (local_id,), = province.fetch_all("SELECT id FROM meetings WHERE uuid = :u", u=muuid)
        meeting_lines = [line for line in lines if line.entity == "meeting" and line.meeting_id == local_id]
        assert [(x.action, x.after["what"] if x.after else None) for x in meeting_lines] == [("import", "update")]
        assert len(lines) == 1 + len(result.meetings)  # no line per imported row
    finally:
        office.close()
        province.close()


def test_a_later_package_that_lacks_a_report_never_drops_it(world: dict[str, Path], tmp_path: Path) -> None:
    province = _empty(tmp_path)
    try:
        import_package(province, world["summer"], allow_unsigned=True, dry_run=False, now=NOW)
        count = province.fetch_all("SELECT COUNT(*) FROM follow_ups")

        def drop_reports(data: dict[str, Any]) -> None:
            data["created"]["iso"] = "2025-01-01T00:00:00"
            for m in data["meetings"]:
                for r in m["resolutions"]:
                    r["follow_ups"] = r["follow_ups"][:1]

        later = write_members(tmp_path / "later.zip", with_data(members(world["summer"]), drop_reports))
        import_package(province, later, allow_unsigned=True, dry_run=False, now=NOW + dt.timedelta(days=40))
        assert province.fetch_all("SELECT COUNT(*) FROM follow_ups") == count
    finally:
        province.close()


def test_imported_bodies_appear_under_the_province_council(world: dict[str, Path], tmp_path: Path) -> None:
    from app.services.overview import list_bodies
    from app.services.tracker import tracker_rows

    other = make_demo(tmp_path / "province.db")  # the province's own store: the same council's name, other uuids
    province = open_store(other, create=False)
    try:
        (council,), = province.fetch_all("SELECT id FROM bodies WHERE kind = 'council'")
        import_package(province, world["signed"], allow_unsigned=True, dry_run=False, now=NOW)
        received = province.fetch_all("SELECT name, parent_id FROM bodies WHERE origin_id IS NOT NULL")
        assert received == [("کمیته آموزش و توانمندسازی کارکنان", council)]
        assert len(list_bodies(province)) == 8
        rows = tracker_rows(province, today=NOW.date())
        assert len({r.body_id for r in rows}) == 8  # one tracker over the province's bodies and the one received
    finally:
        province.close()


def test_signed_packages_need_a_trusted_sender_or_allow_unsigned(world: dict[str, Path], tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    _k, cert, _ = pkcs12.load_key_and_certificates(world["cert"].read_bytes(), PASSWORD.encode())
    assert cert is not None
    (tmp_path / "sender.pem").write_bytes(cert.public_bytes(Encoding.PEM))
    province = _empty(tmp_path)
    try:
        with pytest.raises(UserError) as untrusted:
            import_package(province, world["signed"], dry_run=False, now=NOW)
        with pytest.raises(UserError) as unsigned:
            import_package(province, world["summer"], dry_run=False, now=NOW)
        assert (untrusted.value.code, unsigned.value.code) == ("package_untrusted", "package_unsigned")
        assert _dump(province)["meetings"] == []
        result = import_package(province, world["signed"], trust=[tmp_path / "sender.pem"], dry_run=False, now=NOW)
        assert result.added["meeting"] and not result.unsigned_accepted
        (signer,), = province.fetch_all("SELECT signer FROM package_origins")
        assert signer == "مریم احمدی"
    finally:
        province.close()


def _collide(local_unit_uuid: str):  # type: ignore[no-untyped-def]
    def change(data: dict[str, Any]) -> None:
        data["meetings"][0]["resolutions"][0]["uuid"] = local_unit_uuid
    return change


def test_a_uuid_of_a_local_record_of_another_kind_is_refused(world: dict[str, Path], tmp_path: Path) -> None:
    province = open_store(make_demo(tmp_path / "province.db"), create=False)  # other uuids than the package's
    try:
        (unit_uuid,), = province.fetch_all("SELECT uuid FROM units LIMIT 1")
        crafted = write_members(tmp_path / "c.zip", with_data(members(world["summer"]), _collide(unit_uuid)))
        before = _dump(province)
        with pytest.raises(UserError) as caught:
            import_package(province, crafted, allow_unsigned=True, dry_run=False, now=NOW)
        assert caught.value.code == "package_uuid_collision" and unit_uuid in caught.value.message
        assert _dump(province) == before
    finally:
        province.close()


def test_a_package_never_overwrites_the_offices_own_records(world: dict[str, Path], tmp_path: Path) -> None:
    office = copy_store(world["office"], tmp_path, "office.db")
    try:
        before = _dump(office)
        with pytest.raises(UserError) as caught:
            import_package(office, world["summer"], allow_unsigned=True, dry_run=False, now=NOW)
        assert caught.value.code == "package_overwrites_local" and _dump(office) == before
    finally:
        office.close()


def _tampered(world: dict[str, Path], tmp_path: Path, what: str) -> Path:
    content = members(world["signed"])
    if what == "pdf":
        name = next(n for n in content if n.startswith(fmt.MINUTES_DIR))
    else:
        name = {"data": fmt.DATA, "manifest": fmt.MANIFEST}[what]
    changed = bytearray(content[name])
    at = changed.index(b'"program"') + 12 if what == "manifest" else len(changed) // 2
    changed[at] ^= 0x01
    content[name] = bytes(changed)
    return write_members(tmp_path / f"{what}.zip", content)


@pytest.mark.parametrize(("what", "code"), [("pdf", "package_checksum"), ("data", "package_checksum"),
                                            ("manifest", "package_signature_bad")])
def test_tampered_packages_are_refused_by_import(world: dict[str, Path], tmp_path: Path, what: str, code: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    bad = _tampered(world, tmp_path, what)
    db = tmp_path / "province.db"
    open_store(db).close()
    province = open_store(db, create=False)
    before = _dump(province)
    province.close()
    assert main(["--db", str(db), "package", "import", str(bad), "--allow-unsigned", "--yes"], clock=_clock()) == 2
    err = capsys.readouterr().err
    assert err.startswith("dabir: ") and ("چکیده" in err or "امضا" in err)
    province = open_store(db, create=False)
    try:
        assert _dump(province) == before
        with pytest.raises(UserError) as caught:
            import_package(province, bad, allow_unsigned=True, dry_run=False, now=NOW)
        assert caught.value.code == code
    finally:
        province.close()


def test_hostile_zips_are_refused_naming_the_member(world: dict[str, Path], tmp_path: Path) -> None:
    from tests.test_package_verify import CASES, _hostile

    province = _empty(tmp_path)
    before = _dump(province)
    try:
        for case, (code, data) in _hostile(world["signed"]).items():
            path = tmp_path / "h.zip"
            path.write_bytes(data)
            with pytest.raises(UserError) as caught:
                import_package(province, path, allow_unsigned=True, dry_run=False, now=NOW)
            assert caught.value.code == code, case
        assert _dump(province) == before and len(CASES) == 16
    finally:
        province.close()


def test_the_command_line_previews_then_writes_with_yes(world: dict[str, Path], tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "province.db"
    open_store(db).close()
    argv = ["--db", str(db), "package", "import", str(world["summer"]), "--allow-unsigned"]
    assert main(argv, clock=_clock()) == 0
    out = capsys.readouterr().out
    assert "پیش‌نمایش ورود" in out and "--yes" in out and "هشدار" in out
    assert main([*argv, "--yes"], clock=_clock()) == 0
    assert "وارد شد" in capsys.readouterr().out
    assert main(["--db", str(db), "package", "import", str(world["summer"])], clock=_clock()) == 2
    assert "--allow-unsigned" in capsys.readouterr().err
    assert main(["--db", str(db), "package", "import", str(tmp_path / "none.zip")], clock=_clock()) == 2


def _clock():  # type: ignore[no-untyped-def]
    from app.clock import FixedClock

    return FixedClock(NOW)



def test_a_new_province_previews_then_its_first_import_makes_the_store(world: dict[str, Path], tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """On a PC where Dabir never ran: the preview writes nothing (not even a store); --yes makes the store."""
    db = tmp_path / "new" / "dabir.db"
    db.parent.mkdir()
    argv = ["--db", str(db), "package", "import", str(world["summer"]), "--allow-unsigned"]
    assert main(argv, clock=_clock()) == 0
    out = capsys.readouterr().out
    assert "هنوز پایگاه داده ندارد" in out and "پیش‌نمایش ورود" in out and "جلسه، تازه" in out
    assert list(db.parent.iterdir()) == []  # nothing made by a preview
    assert main([*argv, "--yes"], clock=_clock()) == 0
    assert "وارد شد" in capsys.readouterr().out
    store = open_store(db, create=False)
    try:
        assert store.fetch_all("SELECT count(*) FROM meetings")[0][0] > 0
    finally:
        store.close()
    assert main([*argv, "--yes"], clock=_clock()) == 0  # again: the store is there, nothing new
    assert "این بسته چیز تازه‌ای ندارد" in capsys.readouterr().out


def _revised(content: dict[str, bytes], change: Any, by: int) -> dict[str, bytes]:
    """``content`` with ``change`` made to its data and every meeting's revision raised by ``by``
    (the minutes PDFs renamed to match)."""
    def bump(data: dict[str, Any]) -> None:
        change(data)
        for m in data["meetings"]:
            m["revision"] += by

    renamed = {}
    for name, data in content.items():
        match = re.fullmatch(r"(minutes/.+-r)(\d+)\.pdf", name)
        renamed[f"{match[1]}{int(match[2]) + by}.pdf" if match else name] = data
    return with_data(renamed, bump)


def _as_sent_by(content: dict[str, bytes], office: dict[str, str], change: Any) -> dict[str, bytes]:
    """``content`` claimed by ``office`` (manifest and data.json agree), with ``change`` made to the data."""
    def both(data: dict[str, Any]) -> None:
        data["office"] = office
        change(data)

    out = with_data(content, both)
    manifest = json.loads(out[fmt.MANIFEST])
    manifest["office"] = office
    return rehash({**out, fmt.MANIFEST: json.dumps(manifest, ensure_ascii=False).encode()})


def test_another_office_cannot_rewrite_what_a_committee_sent(world: dict[str, Path], tmp_path: Path) -> None:
    """A package claiming to be from a sibling committee, carrying the committee's meetings with
    resolutions dropped and a later date, is refused whole; the committee's own later package is not."""
    from app.errors import UserError as Refused

    province = _empty(tmp_path)
    try:
        import_package(province, world["signed"], allow_unsigned=True, dry_run=False, now=NOW)
        before = _dump(province)
        sibling = {"body_uuid": "0b5e3a3e-1111-4222-8333-944455556666", "name": "کمیته نظام پیشنهادات"}

        def rewrite(data: dict[str, Any]) -> None:
            data["created"]["iso"] = "2024-11-24T06:30:00"
            for m in data["meetings"]:
                m["resolutions"] = m["resolutions"][:1]

        forged = write_members(tmp_path / "forged.zip",
                               _as_sent_by(_revised(members(world["signed"]), rewrite, 1), sibling, lambda _d: None))
        with pytest.raises(Refused) as refused:
            import_package(province, forged, allow_unsigned=True, dry_run=False, now=NOW + dt.timedelta(days=2))
        assert refused.value.code == "package_foreign_record"
        assert "کمیته آموزش و توانمندسازی کارکنان" in refused.value.message and "کمیته نظام پیشنهادات" in refused.value.message
        assert _dump(province) == before
        # The council above it may send the committee's meetings (a council's package carries its committees).
        result = import_package(province, world["summer"], allow_unsigned=True, dry_run=True, now=NOW)
        assert result.report.sound
    finally:
        province.close()


def test_an_older_revision_never_replaces_a_newer_one(world: dict[str, Path], tmp_path: Path) -> None:
    province = _empty(tmp_path)
    try:
        def newer(data: dict[str, Any]) -> None:
            data["created"]["iso"] = "2024-11-24T06:30:00"

        ahead = write_members(tmp_path / "ahead.zip", _revised(members(world["signed"]), newer, 5))
        import_package(province, ahead, allow_unsigned=True, dry_run=False, now=NOW + dt.timedelta(days=2))
        revisions = province.fetch_all("SELECT uuid, revision, fingerprint FROM meetings ORDER BY uuid")

        def later_but_older(data: dict[str, Any]) -> None:
            data["created"]["iso"] = "2024-11-25T06:30:00"  # made later, carrying the older revision

        behind = write_members(tmp_path / "behind.zip", with_data(members(world["signed"]), later_but_older))
        import_package(province, behind, allow_unsigned=True, dry_run=False, now=NOW + dt.timedelta(days=3))
        assert province.fetch_all("SELECT uuid, revision, fingerprint FROM meetings ORDER BY uuid") == revisions
    finally:
        province.close()


def test_refused_crafted_contents(world: dict[str, Path], tmp_path: Path) -> None:
    """Two resolutions of one meeting with one number, and a package made «tomorrow and after»:
    refused with their reason, the store unchanged (not a database error)."""
    from app.errors import UserError as Refused

    province = _empty(tmp_path)
    try:
        before = _dump(province)

        def same_number(data: dict[str, Any]) -> None:
            m = next(m for m in data["meetings"] if len(m["resolutions"]) > 1)
            m["resolutions"][1]["number"] = m["resolutions"][0]["number"]

        def future(data: dict[str, Any]) -> None:
            data["created"]["iso"] = "2026-01-01T00:00:00"

        for change, code in ((same_number, "package_duplicate_number"), (future, "package_from_the_future")):
            bad = write_members(tmp_path / f"{code}.zip", with_data(members(world["signed"]), change))
            with pytest.raises(Refused) as refused:
                import_package(province, bad, allow_unsigned=True, dry_run=False, now=NOW)
            assert refused.value.code == code
            assert _dump(province) == before
    finally:
        province.close()


def test_the_file_imported_is_the_file_previewed(world: dict[str, Path], tmp_path: Path) -> None:
    import shutil

    from app.errors import UserError as Refused

    province = _empty(tmp_path)
    try:
        path = tmp_path / "q.zip"
        shutil.copy(world["signed"], path)
        preview = import_package(province, path, allow_unsigned=True, dry_run=True, now=NOW)
        shutil.copy(world["summer"], path)  # replaced on the shared folder between preview and «وارد کن»
        with pytest.raises(Refused) as refused:
            import_package(province, path, allow_unsigned=True, dry_run=False, now=NOW,
                           expected_sha256=preview.report.sha256)
        assert refused.value.code == "package_changed"
        assert province.fetch_all("SELECT COUNT(*) FROM meetings") == [(0,)]
    finally:
        province.close()


def test_a_dropped_resolution_with_history_is_kept_after_the_renumbered_ones(world: dict[str, Path],
                                                                              tmp_path: Path) -> None:
    """The newer revision drops resolution 2, which has follow-up reports, and renumbers 3 to 2:
    the import goes through, 3 is now 2, and the dropped one keeps its history, numbered after them."""
    data = json.loads(members(world["signed"])[fmt.DATA])
    meeting = next(m for m in data["meetings"] if len(m["resolutions"]) >= 3
                   and any(r["number"] == 2 and r["follow_ups"] for r in m["resolutions"]))
    dropped = next(r for r in meeting["resolutions"] if r["number"] == 2)
    third = next(r for r in meeting["resolutions"] if r["number"] == 3)
    province = _empty(tmp_path)
    try:
        import_package(province, world["signed"], allow_unsigned=True, dry_run=False, now=NOW)

        def renumber(d: dict[str, Any]) -> None:
            d["created"]["iso"] = "2024-11-24T06:30:00"
            m = next(x for x in d["meetings"] if x["uuid"] == meeting["uuid"])
            m["resolutions"] = [r for r in m["resolutions"] if r["uuid"] != dropped["uuid"]]
            for r in m["resolutions"]:
                if r["number"] > 2:
                    r["number"] -= 1

        later = write_members(tmp_path / "later.zip", _revised(members(world["signed"]), renumber, 1))
        import_package(province, later, allow_unsigned=True, dry_run=False, now=NOW + dt.timedelta(days=2))
        numbers = dict(province.fetch_all("SELECT uuid, number FROM resolutions WHERE uuid IN (:a, :b)",
                                          a=dropped["uuid"], b=third["uuid"]))
        assert numbers[third["uuid"]] == 2
        assert numbers[dropped["uuid"]] == len(meeting["resolutions"])  # after the revision's own
        reports = province.fetch_all("SELECT COUNT(*) FROM follow_ups f JOIN resolutions r ON r.id = f.resolution_id "
                                     "WHERE r.uuid = :u", u=dropped["uuid"])
        assert reports == [(len(dropped["follow_ups"]),)]
    finally:
        province.close()


def test_a_refused_first_import_makes_no_store(world: dict[str, Path], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "new" / "dabir.db"
    db.parent.mkdir()
    assert main(["--db", str(db), "package", "import", str(world["summer"]), "--yes"], clock=_clock()) == 2
    assert "--allow-unsigned" in capsys.readouterr().err  # unsigned, and not allowed
    assert list(db.parent.iterdir()) == []
