"""Bodies and the directory as services: what the dialogs rely on."""

from __future__ import annotations

import pytest

from app.errors import UserError
from app.services import bodies, directory, overview
from app.store.db import Store


def test_tree_order_and_members(store: Store) -> None:
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council")
    group = bodies.save_body(store, "کارگروه توسعه مدیریت استانداری", "working_group", meetings_per_year=12)
    it = bodies.save_body(store, "کمیته فناوری اطلاعات", "committee", council.id)
    assert [(b.name, b.depth) for b in overview.list_bodies(store)] == [
        (council.body.name, 0), (it.body.name, 1), (group.body.name, 0)]
    a = directory.save_person(store, "علی شاهرخی", "استاندار", "استانداری همدان")
    b = directory.save_person(store, "مریم صادقی", "مدیرکل", "استانداری همدان")
    bodies.set_members(store, council.id, [(b.id, "secretary"), (a.id, "chair"), (a.id, "member")])
    assert [(m.name, m.role, m.organisation) for m in bodies.list_members(store, council.id)] == [
        ("مریم صادقی", "secretary", "استانداری همدان"), ("علی شاهرخی", "chair", "استانداری همدان")]


def test_bad_bodies_are_refused(store: Store) -> None:
    council = bodies.save_body(store, "شورا", "council")
    child = bodies.save_body(store, "کمیته", "committee", council.id)
    cases = [
        (lambda: bodies.save_body(store, "  ", "council"), "body_name_empty"),
        (lambda: bodies.save_body(store, "x", "club"), "body_kind"),
        (lambda: bodies.save_body(store, "x", "council", meetings_per_year=99), "body_frequency"),
        (lambda: bodies.save_body(store, "x", "council", parent_id=77), "body_unknown"),
        (lambda: bodies.save_body(store, "شورا", "council", child.id, body_id=council.id), "body_cycle"),
    ]
    for call, code in cases:
        with pytest.raises(UserError) as exc:
            call()
        assert exc.value.code == code and exc.value.message
    assert [b.name for b in overview.list_bodies(store)] == ["شورا", "کمیته"]


def test_one_chair_per_body(store: Store) -> None:
    council = bodies.save_body(store, "شورا", "council")
    a = directory.save_person(store, "الف", "", "")
    b = directory.save_person(store, "ب", "", "")
    bodies.set_members(store, council.id, [(a.id, "member")])
    with pytest.raises(UserError) as exc:
        bodies.set_members(store, council.id, [(a.id, "chair"), (b.id, "chair")])
    assert exc.value.code == "body_two_chairs"
    assert [m.role for m in bodies.list_members(store, council.id)] == ["member"]


def test_directory_matches_normalised_text(store: Store) -> None:
    directory.save_person(store, "حسن عسگریان", "معاون هماهنگی", "استانداری همدان")
    directory.save_unit(store, "کمیته فناوری اطلاعات")
    assert [p.name for p in directory.list_people(store, "عسگريان")] == ["حسن عسگریان"]
    assert [p.name for p in directory.list_people(store, "همدان")] == ["حسن عسگریان"]
    assert [u.name for u in directory.list_units(store, "كميته")] == ["کمیته فناوری اطلاعات"]
    with pytest.raises(UserError) as exc:
        directory.save_unit(store, "كميته  فناوري اطلاعات")
    assert exc.value.code == "unit_exists"


def test_body_members_and_new_people_are_saved_together_or_not_at_all(store: Store) -> None:
    from app.services.bodies import KEEP_EMBLEM, MemberInput, list_members, save_body_with_members
    from app.services.directory import list_people, save_person
    from app.services.overview import list_bodies

    known = save_person(store, "علی شاهرخی", "استاندار", "استانداری همدان")
    tables = ("bodies", "people", "body_members", "units")

    def snapshot() -> list[object]:
        return [store.fetch_all(f"SELECT * FROM {t} ORDER BY id") for t in tables]

    before = snapshot()
    for members, emblem, code in (
            ([MemberInput("مریم صادقی", "chair", "دبیر"), MemberInput("علی شاهرخی", "chair", person_id=known.id)],
             KEEP_EMBLEM, "body_two_chairs"),
            ([MemberInput("مریم صادقی", "secretary", "مدیرکل", "دفتر تازه")], b"GIF89a", "emblem_format"),
            ([MemberInput("مریم صادقی"), MemberInput("کسی", person_id=999)], KEEP_EMBLEM, "person_unknown")):
        with pytest.raises(UserError) as err:
            save_body_with_members(store, "شورای راهبری", "council", None, 4, members, emblem=emblem)
        assert err.value.code == code
        assert snapshot() == before  # no body, no new person, no new unit

    row = save_body_with_members(store, "شورای راهبری", "council", None, 4, [
        MemberInput("علی شاهرخی", "chair", "استاندار همدان", "استانداری همدان", known.id),
        MemberInput("مریم صادقی", "secretary", "مدیرکل دفتر برنامه‌ریزی", "استانداری همدان")])
    assert [(m.name, m.role, m.post) for m in list_members(store, row.id)] == [
        ("علی شاهرخی", "chair", "استاندار همدان"), ("مریم صادقی", "secretary", "مدیرکل دفتر برنامه‌ریزی")]
    assert len(list_people(store)) == 2 and [b.name for b in list_bodies(store)] == ["شورای راهبری"]
    again = save_body_with_members(store, "شورای راهبری استان", "council", None, 4, [
        MemberInput("علی شاهرخی", "chair", "استاندار همدان", "استانداری همدان", known.id)], body_id=row.id)
    assert again.id == row.id and [m.name for m in list_members(store, row.id)] == ["علی شاهرخی"]
