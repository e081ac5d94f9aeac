"""Merging a verified package's ``data.json`` into a store, by UUID, in the caller's session.

- Units and people: a known uuid is the local record; otherwise a unit with the same
  normalised name is the same unit; otherwise they are added.
- Bodies: the package's bodies are received records under their ancestors; an ancestor is the
  local body with its uuid, else the one with its name and kind (the province's own council),
  else it is added as received too.
- Meetings: a new one is added whole. A received one is brought up to the package: its content
  when the package is newer than the one it came from last (a later revision replaces the
  earlier, whose sealed content stays in ``meeting_revisions``), and in any case the follow-ups,
  extensions, amendments and revisions it lacks. A newer revision that no longer has an agenda
  item, attendee, discussion entry or resolution removes it here too (a resolution only while
  no follow-up history hangs on it: history is never dropped).
- Nothing of the office's own is ever changed or dropped.
- Refused (nothing written): a uuid that is a local record of another kind, a record that
  would overwrite one of the office's own (not received), a received record changed by a
  package from another office than the one that sent it (or a body above it here), and two
  resolutions of one meeting with one number.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.persian.text import normalize_for_search
from app.services.minutes_content import canonical_json, fingerprint
from app.store.models import (
    AgendaItem,
    Amendment,
    Attendance,
    AttendanceKind,
    AttendanceStatus,
    Body,
    BodyKind,
    DeadlineExtension,
    DiscussionEntry,
    FollowUp,
    Meeting,
    MeetingRevision,
    MeetingStatus,
    PackageOrigin,
    Person,
    Resolution,
    ResolutionCollaborator,
    ResolutionStatus,
    Unit,
)

from .zipsafe import LRI, PDI, PackageRefused

__all__ = ["KINDS", "MergeResult", "merge"]

# kind → (model, Persian name)
KINDS: dict[str, tuple[Any, str]] = {
    "body": (Body, "نهاد"), "unit": (Unit, "واحد"), "person": (Person, "شخص"), "meeting": (Meeting, "جلسه"),
    "agenda": (AgendaItem, "بند دستور جلسه"), "attendance": (Attendance, "حاضر جلسه"),
    "discussion": (DiscussionEntry, "بند مذاکرات"), "resolution": (Resolution, "مصوبه"),
    "follow_up": (FollowUp, "گزارش پیگیری"), "extension": (DeadlineExtension, "تمدید مهلت"),
    "amendment": (Amendment, "اصلاحیه"),
}


def _d(value: dict[str, str] | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value["iso"])


def _t(value: dict[str, str] | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value["iso"])


def _clock(value: str | None) -> dt.time | None:
    return None if value is None else dt.time.fromisoformat(value)


def _owned(data: dict[str, Any]) -> dict[str, str]:
    """uuid → kind of every record the package owns."""
    out: dict[str, str] = {}
    out.update({b["uuid"]: "body" for b in data["bodies"] if not b["context"]})
    out.update({u["uuid"]: "unit" for u in data["units"]})
    out.update({p["uuid"]: "person" for p in data["people"]})
    for m in data["meetings"]:
        out[m["uuid"]] = "meeting"
        for key, kind in (("agenda", "agenda"), ("attendance", "attendance"), ("discussion", "discussion"),
                          ("amendments", "amendment")):
            out.update({x["uuid"]: kind for x in m[key]})
        for r in m["resolutions"]:
            out[r["uuid"]] = "resolution"
            out.update({f["uuid"]: "follow_up" for f in r["follow_ups"]})
            out.update({e["uuid"]: "extension" for e in r["extensions"]})
    return out


def _local_kinds(s: Session, uuids: list[str]) -> dict[str, tuple[str, int]]:
    """uuid → (kind, id) of the local records among ``uuids``."""
    found: dict[str, tuple[str, int]] = {}
    for kind, (model, _fa) in KINDS.items():
        for i in range(0, len(uuids), 500):
            for uid, rid in s.execute(select(model.uuid, model.id).where(model.uuid.in_(uuids[i:i + 500]))):
                found[uid] = (kind, rid)
    return found


@dataclass
class MergeResult:
    """What a merge did, by kind (``meeting``, ``resolution``, ``follow_up``, …), and to which
    meetings: id → ``create`` (added), ``update`` (its content replaced by a newer revision) or
    ``history`` (only follow-up history or states added)."""

    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    meetings: dict[int, str] = field(default_factory=dict)


class _Merge:
    def __init__(self, s: Session, data: dict[str, Any], origin: PackageOrigin) -> None:
        self.s, self.data, self.origin = s, data, origin
        self.result = MergeResult()
        self.added, self.changed, self.removed = self.result.added, self.result.changed, self.result.removed
        self.units: dict[str, int] = {}
        self.people: dict[str, int] = {}
        self.bodies: dict[str, int] = {}
        self.resolutions: dict[str, Resolution] = {}
        self.pending_links: list[tuple[Any, str, str]] = []  # (row, attribute, resolution uuid)

    def refuse_collisions(self) -> dict[str, tuple[str, int]]:
        owned = _owned(self.data)
        local = _local_kinds(self.s, sorted(owned))
        for uid, kind in owned.items():
            if uid in local and local[uid][0] != kind:
                have = KINDS[local[uid][0]][1]
                raise PackageRefused("package_uuid_collision",
                                     f"شناسهٔ {LRI}{uid}{PDI} در بسته «{KINDS[kind][1]}» است ولی در این دفتر «{have}»ی "
                                     "با همین شناسه هست؛ بسته وارد نشد.", member="data.json",
                                     english=f"uuid {uid} is a local {local[uid][0]}, not a {kind}")
        return local

    def run(self) -> None:
        local = self.refuse_collisions()
        for m in self.data["meetings"]:
            numbers = [r["number"] for r in m["resolutions"]]
            if len(numbers) != len(set(numbers)):
                raise PackageRefused("package_duplicate_number",
                                     f"در جلسهٔ {m['number']} ({m['date']['jalali']}) دو مصوبه یک شماره دارند؛ "
                                     "بسته وارد نشد.", member="data.json", english="two resolutions share a number")
            if m["uuid"] in local:
                row = self.s.get(Meeting, local[m["uuid"]][1])
                if row is not None and row.origin_id is None:
                    raise PackageRefused("package_overwrites_local",
                                         f"جلسهٔ {m['number']} ({m['date']['jalali']}) در بسته همان جلسه‌ای است که این "
                                         "دفتر خود ثبت کرده است؛ بسته سابقهٔ خود دفتر را بازنویسی نمی‌کند و وارد نشد.",
                                         member="data.json", english="the package would overwrite a local meeting")
                if row is not None and not self._sent_by_its_office(row.body_id, row.origin_id):
                    raise self._foreign(f"جلسهٔ {m['number']} ({m['date']['jalali']})", row.origin_id)
        for b in self.data["bodies"]:
            if not b["context"] and b["uuid"] in local:
                body = self.s.get(Body, local[b["uuid"]][1])
                if body is not None and body.origin_id is None:
                    raise PackageRefused("package_overwrites_local",
                                         f"نهاد «{b['name']}» در بسته همان نهادی است که این دفتر خود دارد؛ "
                                         "بسته دادهٔ خود دفتر را بازنویسی نمی‌کند و وارد نشد.", member="data.json",
                                         english="the package would overwrite a local body")
                if body is not None and not self._sent_by_its_office(body.id, body.origin_id):
                    raise self._foreign(f"نهاد «{b['name']}»", body.origin_id)
        self._units()
        self._people()
        self._bodies()
        self.s.flush()
        for m in self.data["meetings"]:
            self._meeting(m)
        self.s.flush()
        for row, attribute, uid in self.pending_links:
            target = self.resolutions.get(uid) or self.s.scalars(select(Resolution).where(Resolution.uuid == uid)).first()
            if target is not None and getattr(row, attribute) != target.id:
                setattr(row, attribute, target.id)

    def _sent_by_its_office(self, body_id: int, origin_id: int | None) -> bool:
        """Whether this package may change a received record of ``body_id``: it comes from the
        office that sent the record, or from the body itself or one above it here (a council's
        package carries its committees). Another office's package never rewrites it."""
        if origin_id is None:
            return True
        last = self.s.get(PackageOrigin, origin_id)
        sender = self.origin.office_body_uuid
        if last is None or last.office_body_uuid == sender:
            return True
        current: int | None = body_id
        for _ in range(50):
            body = self.s.get(Body, current) if current is not None else None
            if body is None:
                return False
            if body.uuid == sender:
                return True
            current = body.parent_id
        return False

    def _foreign(self, what: str, origin_id: int | None) -> PackageRefused:
        last = self.s.get(PackageOrigin, origin_id) if origin_id is not None else None
        office = last.office if last is not None else "دفتر دیگری"
        return PackageRefused("package_foreign_record",
                              f"{what} را «{office}» فرستاده است و این بسته از «{self.origin.office}» است؛ بسته‌ای از "
                              "دفتر دیگر آن را تغییر نمی‌دهد و بسته وارد نشد.", member="data.json",
                              english="the package would change a record another office sent")

    def _units(self) -> None:
        for u in self.data["units"]:
            unit = self.s.scalars(select(Unit).where(Unit.uuid == u["uuid"])).first()
            if unit is None:
                norm = normalize_for_search(u["name"])
                unit = self.s.scalars(select(Unit).where(Unit.name_norm == norm).limit(1)).first()
            if unit is None:
                unit = Unit(uuid=u["uuid"], name=u["name"], name_norm=normalize_for_search(u["name"]))
                self.s.add(unit)
                self.s.flush()
                self.added["unit"] += 1
            self.units[u["uuid"]] = unit.id

    def _people(self) -> None:
        for p in self.data["people"]:
            person = self.s.scalars(select(Person).where(Person.uuid == p["uuid"])).first()
            if person is None:
                person = Person(uuid=p["uuid"], name=p["name"], name_norm=normalize_for_search(p["name"]),
                                post=p["post"])
                self.s.add(person)
                self.s.flush()
                self.added["person"] += 1
            self.people[p["uuid"]] = person.id

    def _bodies(self) -> None:
        by_uuid = {b["uuid"]: b for b in self.data["bodies"]}
        done: set[str] = set()

        def place(b: dict[str, Any], depth: int = 0) -> int:
            if b["uuid"] in self.bodies:
                return self.bodies[b["uuid"]]
            parent_id = None
            parent = by_uuid.get(b["parent_uuid"]) if b["parent_uuid"] else None
            if parent is not None and depth < 50:
                parent_id = place(parent, depth + 1)
            row = self.s.scalars(select(Body).where(Body.uuid == b["uuid"])).first()
            if row is None and b["context"]:
                row = self.s.scalars(select(Body).where(Body.name == b["name"], Body.kind == BodyKind(b["kind"]))
                                     .order_by(Body.origin_id.is_not(None), Body.id).limit(1)).first()
            if row is None:
                row = Body(uuid=b["uuid"], name=b["name"], kind=BodyKind(b["kind"]), parent_id=parent_id,
                           meetings_per_year=b["meetings_per_year"], position=0, origin_id=self.origin.id)
                self.s.add(row)
                self.s.flush()
                self.added["body"] += 1
            elif not b["context"] and b["uuid"] not in done:
                fields = {"name": b["name"], "kind": BodyKind(b["kind"]), "meetings_per_year": b["meetings_per_year"]}
                if any(getattr(row, k) != v for k, v in fields.items()):
                    for k, v in fields.items():
                        setattr(row, k, v)
                    row.origin_id = self.origin.id
                    self.changed["body"] += 1
            done.add(b["uuid"])
            self.bodies[b["uuid"]] = row.id
            return row.id

        for b in self.data["bodies"]:
            place(b)

    def _meeting(self, m: dict[str, Any]) -> None:
        before = sum(self.added.values()) + sum(self.changed.values())
        row = self.s.scalars(select(Meeting).where(Meeting.uuid == m["uuid"])).first()
        if row is None:
            row = Meeting(uuid=m["uuid"], body_id=self.bodies[m["body_uuid"]], origin_id=self.origin.id)
            self._meeting_fields(row, m)
            self.s.add(row)
            self.s.flush()
            self.added["meeting"] += 1
            self.result.meetings[row.id] = "create"
            self._content(row, m, new=True)
        else:
            last = self.s.get(PackageOrigin, row.origin_id) if row.origin_id is not None else None
            newer = last is None or self.data["created"]["iso"] > last.package_created
            if newer and (m["revision"] > row.revision
                          or (m["revision"] == row.revision and m["fingerprint"] != row.fingerprint)):
                self._meeting_fields(row, m)
                row.origin_id = self.origin.id
                self.changed["meeting"] += 1
                self.result.meetings[row.id] = "update"
                self._content(row, m, new=False)
            elif newer:
                self._resolution_states(row, m)
        self._history(row, m)
        if row.id not in self.result.meetings and sum(self.added.values()) + sum(self.changed.values()) > before:
            self.result.meetings[row.id] = "history"

    def _meeting_fields(self, row: Meeting, m: dict[str, Any]) -> None:
        row.year, row.number, row.date = m["year"], m["number"], dt.date.fromisoformat(m["date"]["iso"])
        row.start_time, row.end_time, row.place = _clock(m["start_time"]), _clock(m["end_time"]), m["place"]
        row.chair_id = self.people.get(m["chair_uuid"]) if m["chair_uuid"] else None
        row.secretary_id = self.people.get(m["secretary_uuid"]) if m["secretary_uuid"] else None
        row.status = MeetingStatus.FINAL
        row.finalised_at, row.revision, row.fingerprint = _t(m["finalised_at"]), m["revision"], m["fingerprint"]
        row.letter_number, row.letter_date = m["letter_number"], _d(m["letter_date"])

    def _content(self, row: Meeting, m: dict[str, Any], *, new: bool) -> None:
        """Agenda, attendance, discussion and resolutions as the package has them (by uuid)."""
        s = self.s
        agenda = {a.uuid: a for a in row.agenda} if not new else {}
        for a in m["agenda"]:
            item = agenda.get(a["uuid"]) or AgendaItem(uuid=a["uuid"], meeting_id=row.id, position=a["position"],
                                                       text=a["text"])
            item.position, item.text = a["position"], a["text"]
            if a["uuid"] not in agenda:
                s.add(item)
        s.flush()
        agenda_ids = {a.uuid: a.id for a in s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == row.id))}
        attendance = {a.uuid: a for a in row.attendance} if not new else {}
        for a in m["attendance"]:
            line = attendance.get(a["uuid"]) or Attendance(uuid=a["uuid"], meeting_id=row.id)
            line.person_id, line.position = self.people[a["person_uuid"]], a["position"]
            line.kind, line.status = AttendanceKind(a["kind"]), AttendanceStatus(a["status"])
            line.deputy_name, line.post, line.organisation = a["deputy_name"], a["post"], a["organisation"]
            if a["uuid"] not in attendance:
                s.add(line)
        discussion = {d.uuid: d for d in row.discussion} if not new else {}
        for d in m["discussion"]:
            entry = discussion.get(d["uuid"]) or DiscussionEntry(uuid=d["uuid"], meeting_id=row.id)
            entry.position, entry.speaker, entry.text = d["position"], d["speaker"], d["text"]
            entry.speaker_id = self.people.get(d["speaker_uuid"]) if d["speaker_uuid"] else None
            entry.agenda_item_id = agenda_ids.get(d["agenda_uuid"]) if d["agenda_uuid"] else None
            if d["uuid"] not in discussion:
                s.add(entry)
        if not new:
            self._drop_stale(row, m)
        self._resolution_states(row, m, content=True)

    def _drop_stale(self, row: Meeting, m: dict[str, Any]) -> None:
        """What the newer revision no longer has: its agenda items, attendees and discussion entries go."""
        s = self.s
        s.flush()
        for model, key, kind in ((DiscussionEntry, "discussion", "discussion"), (Attendance, "attendance", "attendance"),
                                 (AgendaItem, "agenda", "agenda")):
            wanted = {x["uuid"] for x in m[key]}
            for stale in s.scalars(select(model).where(model.meeting_id == row.id, model.uuid.not_in(wanted))):
                s.delete(stale)
                self.removed[kind] += 1
        s.flush()
        s.expire(row, ["agenda", "attendance", "discussion"])

    def _resolution_states(self, row: Meeting, m: dict[str, Any], *, content: bool = False) -> None:
        s = self.s
        local = {r.uuid: r for r in s.scalars(select(Resolution).where(Resolution.meeting_id == row.id))}
        if content:
            local = self._drop_stale_resolutions(m, local)
        for r in m["resolutions"]:
            res = local.get(r["uuid"])
            if res is None:
                res = Resolution(uuid=r["uuid"], meeting_id=row.id, number=r["number"], text=r["text"],
                                 text_norm=normalize_for_search(r["text"]))
                s.add(res)
                self.added["resolution"] += 1
                content = True
            before = (res.status, res.deadline, res.standing, res.lead_unit_id)
            res.status, res.deadline, res.standing = ResolutionStatus(r["status"]), _d(r["deadline"]), r["standing"]
            res.lead_unit_id = self.units.get(r["lead_unit_uuid"]) if r["lead_unit_uuid"] else None
            if content:
                res.number, res.text, res.text_norm = r["number"], r["text"], normalize_for_search(r["text"])
            if r["uuid"] in local and before != (res.status, res.deadline, res.standing, res.lead_unit_id):
                self.changed["resolution"] += 1
            s.flush()
            self.resolutions[r["uuid"]] = res
            wanted = [self.units[u] for u in r["collaborator_unit_uuids"] if u in self.units]
            have = [c.unit_id for c in res.collaborators]
            if have != wanted:
                res.collaborators.clear()
                s.flush()
                for i, unit_id in enumerate(dict.fromkeys(wanted)):
                    res.collaborators.append(ResolutionCollaborator(unit_id=unit_id, position=i))
            if r["superseded_by_uuid"]:
                self.pending_links.append((res, "superseded_by_id", r["superseded_by_uuid"]))
            elif res.superseded_by_id is not None:
                res.superseded_by_id = None

    def _drop_stale_resolutions(self, m: dict[str, Any], local: dict[str, Resolution]) -> dict[str, Resolution]:
        """Remove the resolutions the newer revision dropped (those with no history hanging on them)
        and park the numbers of the rest, so that a renumbering cannot collide on (meeting, number)."""
        s = self.s
        wanted = {r["uuid"]: r["number"] for r in m["resolutions"]}
        kept: dict[str, Resolution] = {}
        for uid, res in local.items():
            if uid not in wanted and self._removable(res):
                s.delete(res)
                self.removed["resolution"] += 1
            else:
                kept[uid] = res
        s.flush()
        for res in kept.values():  # parked first, so that no renumbering collides on (meeting, number)
            if wanted.get(res.uuid) != res.number:
                res.number = -res.id
        s.flush()
        # Kept for their history though the revision dropped them: numbered after the revision's own.
        after = max(wanted.values(), default=0)
        for i, res in enumerate(sorted((r for r in kept.values() if r.uuid not in wanted), key=lambda r: r.id), 1):
            res.number = after + i
        s.flush()
        return kept

    def _removable(self, res: Resolution) -> bool:
        """No follow-up, extension or supersession hangs on ``res``: it can go without a trace lost."""
        s = self.s
        return not (s.scalar(select(FollowUp.id).where(FollowUp.resolution_id == res.id).limit(1))
                    or s.scalar(select(Resolution.id).where(Resolution.superseded_by_id == res.id).limit(1))
                    or s.scalar(select(DeadlineExtension.id).where(
                        (DeadlineExtension.resolution_id == res.id)
                        | (DeadlineExtension.granted_by_resolution_id == res.id)).limit(1)))

    def _history(self, row: Meeting, m: dict[str, Any]) -> None:
        """Follow-ups, extensions, amendments and revisions the store lacks: added, never changed."""
        s = self.s
        for r in m["resolutions"]:
            res = self.resolutions.get(r["uuid"]) or s.scalars(select(Resolution).where(Resolution.uuid == r["uuid"])).first()
            if res is None:
                continue
            self.resolutions[r["uuid"]] = res
            have = set(s.scalars(select(FollowUp.uuid).where(FollowUp.resolution_id == res.id)))
            for f in r["follow_ups"]:
                if f["uuid"] in have:
                    continue
                s.add(FollowUp(uuid=f["uuid"], resolution_id=res.id, date=_d(f["date"]), reporter=f["reporter"],
                               reporter_unit_id=self.units.get(f["reporter_unit_uuid"]) if f["reporter_unit_uuid"]
                               else None, text=f["text"], progress=f["progress"], new_deadline=_d(f["new_deadline"]),
                               status_after=ResolutionStatus(f["status_after"]) if f["status_after"] else None,
                               created_at=_t(f["created_at"]) or self.origin.received_at))
                self.added["follow_up"] += 1
            have = set(s.scalars(select(DeadlineExtension.uuid).where(DeadlineExtension.resolution_id == res.id)))
            for e in r["extensions"]:
                if e["uuid"] in have:
                    continue
                ext = DeadlineExtension(uuid=e["uuid"], resolution_id=res.id, date=_d(e["date"]),
                                        old_deadline=_d(e["old_deadline"]), new_deadline=_d(e["new_deadline"]),
                                        reason=e["reason"], granted_by=e["granted_by"],
                                        created_at=_t(e["created_at"]) or self.origin.received_at)
                s.add(ext)
                if e["granted_by_resolution_uuid"]:
                    self.pending_links.append((ext, "granted_by_resolution_id", e["granted_by_resolution_uuid"]))
                self.added["extension"] += 1
        have_amend = set(s.scalars(select(Amendment.revision).where(Amendment.meeting_id == row.id)))
        for a in m["amendments"]:
            if a["revision"] in have_amend:
                continue
            s.add(Amendment(uuid=a["uuid"], meeting_id=row.id, revision=a["revision"], reason=a["reason"],
                            os_user=a["os_user"], secretary=a["secretary"], created_at=_t(a["created_at"]),
                            changes=json.dumps(a["changes"], ensure_ascii=False)))
            self.added["amendment"] += 1
        have_rev = set(s.scalars(select(MeetingRevision.revision).where(MeetingRevision.meeting_id == row.id)))
        for v in m["revisions"]:
            if v["revision"] in have_rev:
                continue
            if fingerprint(v["content"]) != v["fingerprint"]:
                raise PackageRefused("package_fingerprint",
                                     f"محتوای ویرایش {v['revision']} جلسهٔ {m['number']} با اثر انگشت مهرشدهٔ آن جور نیست؛ "
                                     "بسته وارد نشد.", member="data.json", english="revision content ≠ its fingerprint")
            s.add(MeetingRevision(meeting_id=row.id, revision=v["revision"], fingerprint=v["fingerprint"],
                                  created_at=_t(v["created_at"]), content=canonical_json(v["content"])))
            self.added["revision"] += 1


def merge(s: Session, data: dict[str, Any], origin: PackageOrigin) -> MergeResult:
    """Merge ``data`` into session ``s`` (the caller commits or rolls back)."""
    work = _Merge(s, data, origin)
    work.run()
    return work.result
