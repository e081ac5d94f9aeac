"""The read queries of :mod:`app.store.queries` compiled for sqlite3. GENERATED: do not edit.

Regenerate with ``python -m app.store.queries`` after changing a query; a test holds
this module equal to the compiled statements. Imports nothing, so that the first
screen reads the store without SQLAlchemy."""

# name: (SQL with :name parameters, per column: date|time|datetime|bool|enum|None, constants)
SQL: dict[str, tuple[str, tuple[str | None, ...], dict[str, object]]] = {
    'bodies': (
        'SELECT bodies.id, bodies.uuid, bodies.name, bodies.kind, bodies.parent_id, bodies.meetings_per_year \n'
        'FROM bodies ORDER BY bodies.position, bodies.id'
        , (None, None, None, 'enum', None, None), {}),
    'body_name': (
        'SELECT bodies.name \n'
        'FROM bodies \n'
        'WHERE bodies.id = :id'
        , (None,), {}),
    'body_emblem': (
        'SELECT bodies.emblem \n'
        'FROM bodies \n'
        'WHERE bodies.id = :id'
        , (None,), {}),
    'meetings': (
        'SELECT meetings.id, meetings.uuid, meetings.body_id, bodies.name, meetings.year, meetings.number, meetings.date, meetings.status, (SELECT count(*) AS count_1 \n'
        'FROM resolutions \n'
        'WHERE resolutions.meeting_id = meetings.id) AS anon_1 \n'
        'FROM meetings JOIN bodies ON bodies.id = meetings.body_id ORDER BY meetings.date DESC, meetings.number DESC'
        , (None, None, None, None, None, None, 'date', 'enum', None), {}),
    'meetings_of_body': (
        'SELECT meetings.id, meetings.uuid, meetings.body_id, bodies.name, meetings.year, meetings.number, meetings.date, meetings.status, (SELECT count(*) AS count_1 \n'
        'FROM resolutions \n'
        'WHERE resolutions.meeting_id = meetings.id) AS anon_1 \n'
        'FROM meetings JOIN bodies ON bodies.id = meetings.body_id \n'
        'WHERE meetings.body_id = :body_id ORDER BY meetings.date DESC, meetings.number DESC'
        , (None, None, None, None, None, None, 'date', 'enum', None), {}),
    'meeting_exists': (
        'SELECT meetings.id \n'
        'FROM meetings \n'
        'WHERE meetings.id = :id'
        , (None,), {}),
    'meeting_version': (
        'SELECT meetings.version \n'
        'FROM meetings \n'
        'WHERE meetings.id = :id'
        , (None,), {}),
    'meeting_status': (
        'SELECT meetings.status \n'
        'FROM meetings \n'
        'WHERE meetings.id = :id'
        , ('enum',), {}),
    'resolutions': (
        'SELECT resolutions.id, resolutions.uuid, resolutions.meeting_id, meetings.body_id, meetings.number, meetings.date, resolutions.number AS number_1, resolutions.text, units.name, resolutions.deadline, resolutions.standing, resolutions.status \n'
        'FROM resolutions JOIN meetings ON resolutions.meeting_id = meetings.id LEFT OUTER JOIN units ON resolutions.lead_unit_id = units.id ORDER BY meetings.date DESC, meetings.id DESC, resolutions.number'
        , (None, None, None, None, None, 'date', None, None, None, 'date', 'bool', 'enum'), {}),
    'resolutions_of_body': (
        'SELECT resolutions.id, resolutions.uuid, resolutions.meeting_id, meetings.body_id, meetings.number, meetings.date, resolutions.number AS number_1, resolutions.text, units.name, resolutions.deadline, resolutions.standing, resolutions.status \n'
        'FROM resolutions JOIN meetings ON resolutions.meeting_id = meetings.id LEFT OUTER JOIN units ON resolutions.lead_unit_id = units.id \n'
        'WHERE meetings.body_id = :body_id ORDER BY meetings.date DESC, meetings.id DESC, resolutions.number'
        , (None, None, None, None, None, 'date', None, None, None, 'date', 'bool', 'enum'), {}),
    'resolutions_of_meeting': (
        'SELECT resolutions.id, resolutions.uuid, resolutions.meeting_id, meetings.body_id, meetings.number, meetings.date, resolutions.number AS number_1, resolutions.text, units.name, resolutions.deadline, resolutions.standing, resolutions.status \n'
        'FROM resolutions JOIN meetings ON resolutions.meeting_id = meetings.id LEFT OUTER JOIN units ON resolutions.lead_unit_id = units.id \n'
        'WHERE resolutions.meeting_id = :meeting_id ORDER BY meetings.date DESC, meetings.id DESC, resolutions.number'
        , (None, None, None, None, None, 'date', None, None, None, 'date', 'bool', 'enum'), {}),
    'unit_names': (
        'SELECT units.id, units.name \n'
        'FROM units'
        , (None, None), {}),
    'units': (
        'SELECT units.id, units.uuid, units.name \n'
        'FROM units'
        , (None, None, None), {}),
    'body_names': (
        'SELECT bodies.id, bodies.name \n'
        'FROM bodies'
        , (None, None), {}),
    'attention_counts': (
        'SELECT coalesce(sum(CASE WHEN (resolutions.deadline IS NOT NULL AND resolutions.status IN (__[POSTCOMPILE_status_1]) AND resolutions.deadline >= :today AND resolutions.deadline <= :last_day) THEN :param_1 ELSE :param_2 END), :coalesce_2) AS coalesce_1, coalesce(sum(CASE WHEN (resolutions.deadline IS NOT NULL AND resolutions.status IN (__[POSTCOMPILE_status_2]) AND resolutions.deadline < :today) THEN :param_3 ELSE :param_4 END), :coalesce_4) AS coalesce_3 \n'
        'FROM resolutions'
        , (None, None), {'status_1': ['in_progress', 'not_started', 'partly_done'], 'param_1': 1, 'param_2': 0, 'coalesce_2': 0, 'status_2': ['in_progress', 'not_started', 'partly_done'], 'param_3': 1, 'param_4': 0, 'coalesce_4': 0}),
    'carry_over_count': (
        'SELECT count(*) AS count_1 \n'
        'FROM resolutions JOIN meetings ON meetings.id = resolutions.meeting_id \n'
        'WHERE meetings.body_id = :body_id AND meetings.date <= :until AND meetings.id != :exclude AND resolutions.status IN (__[POSTCOMPILE_status_1])'
        , (None,), {'status_1': ['in_progress', 'not_started', 'partly_done']}),
    'tracker_meetings': (
        'SELECT meetings.id, meetings.body_id, meetings.number, meetings.date \n'
        'FROM meetings'
        , (None, None, None, 'date'), {}),
    'unnormalised_texts': (
        'SELECT resolutions.id, resolutions.text \n'
        'FROM resolutions \n'
        "WHERE resolutions.text_norm = ''"
        , (None, None), {}),
    'texts_of_ids': (
        'SELECT resolutions.id, resolutions.text_norm, resolutions.text \n'
        'FROM resolutions \n'
        'WHERE resolutions.id IN (__[POSTCOMPILE_ids])'
        , (None, None, None), {}),
    'tracker_light_all': (
        'SELECT resolutions.id, resolutions.meeting_id, resolutions.lead_unit_id, resolutions.deadline AS deadline, resolutions.status \n'
        'FROM resolutions JOIN meetings ON meetings.id = resolutions.meeting_id ORDER BY meetings.date DESC, meetings.id DESC, resolutions.number'
        , (None, None, None, None, 'enum'), {}),
    'tracker_light_body': (
        'SELECT resolutions.id, resolutions.meeting_id, resolutions.lead_unit_id, resolutions.deadline AS deadline, resolutions.status \n'
        'FROM resolutions JOIN meetings ON meetings.id = resolutions.meeting_id \n'
        'WHERE meetings.body_id = :body_id ORDER BY meetings.date DESC, meetings.id DESC, resolutions.number'
        , (None, None, None, None, 'enum'), {}),
    'tracker_light_ids': (
        'SELECT resolutions.id, resolutions.meeting_id, resolutions.lead_unit_id, resolutions.deadline AS deadline, resolutions.status \n'
        'FROM resolutions JOIN meetings ON meetings.id = resolutions.meeting_id \n'
        'WHERE resolutions.id IN (__[POSTCOMPILE_ids]) ORDER BY meetings.date DESC, meetings.id DESC, resolutions.number'
        , (None, None, None, None, 'enum'), {}),
    'tracker_details_all': (
        'SELECT resolutions.id, resolutions.uuid, resolutions.number, resolutions.text, resolutions.text_norm, resolutions.standing, resolutions.superseded_by_id \n'
        'FROM resolutions \n'
        'WHERE resolutions.id IS NOT NULL'
        , (None, None, None, None, None, 'bool', None), {}),
    'tracker_details_body': (
        'SELECT resolutions.id, resolutions.uuid, resolutions.number, resolutions.text, resolutions.text_norm, resolutions.standing, resolutions.superseded_by_id \n'
        'FROM resolutions \n'
        'WHERE resolutions.id IN (SELECT resolutions.id \n'
        'FROM resolutions JOIN meetings ON meetings.id = resolutions.meeting_id \n'
        'WHERE meetings.body_id = :body_id)'
        , (None, None, None, None, None, 'bool', None), {}),
    'tracker_details_ids': (
        'SELECT resolutions.id, resolutions.uuid, resolutions.number, resolutions.text, resolutions.text_norm, resolutions.standing, resolutions.superseded_by_id \n'
        'FROM resolutions \n'
        'WHERE resolutions.id IN (__[POSTCOMPILE_ids])'
        , (None, None, None, None, None, 'bool', None), {}),
    'tracker_collaborators_all': (
        'SELECT resolution_collaborators.resolution_id, units.name \n'
        'FROM resolution_collaborators JOIN units ON units.id = resolution_collaborators.unit_id \n'
        'WHERE resolution_collaborators.resolution_id IS NOT NULL ORDER BY resolution_collaborators.resolution_id, resolution_collaborators.position, resolution_collaborators.id'
        , (None, None), {}),
    'tracker_collaborators_body': (
        'SELECT resolution_collaborators.resolution_id, units.name \n'
        'FROM resolution_collaborators JOIN units ON units.id = resolution_collaborators.unit_id \n'
        'WHERE resolution_collaborators.resolution_id IN (SELECT resolutions.id \n'
        'FROM resolutions JOIN meetings ON meetings.id = resolutions.meeting_id \n'
        'WHERE meetings.body_id = :body_id) ORDER BY resolution_collaborators.resolution_id, resolution_collaborators.position, resolution_collaborators.id'
        , (None, None), {}),
    'tracker_collaborators_ids': (
        'SELECT resolution_collaborators.resolution_id, units.name \n'
        'FROM resolution_collaborators JOIN units ON units.id = resolution_collaborators.unit_id \n'
        'WHERE resolution_collaborators.resolution_id IN (__[POSTCOMPILE_ids]) ORDER BY resolution_collaborators.resolution_id, resolution_collaborators.position, resolution_collaborators.id'
        , (None, None), {}),
    'tracker_collaborator_ids_all': (
        'SELECT resolution_collaborators.resolution_id, resolution_collaborators.unit_id \n'
        'FROM resolution_collaborators \n'
        'WHERE resolution_collaborators.resolution_id IS NOT NULL'
        , (None, None), {}),
    'tracker_collaborator_ids_body': (
        'SELECT resolution_collaborators.resolution_id, resolution_collaborators.unit_id \n'
        'FROM resolution_collaborators \n'
        'WHERE resolution_collaborators.resolution_id IN (SELECT resolutions.id \n'
        'FROM resolutions JOIN meetings ON meetings.id = resolutions.meeting_id \n'
        'WHERE meetings.body_id = :body_id)'
        , (None, None), {}),
    'tracker_collaborator_ids_ids': (
        'SELECT resolution_collaborators.resolution_id, resolution_collaborators.unit_id \n'
        'FROM resolution_collaborators \n'
        'WHERE resolution_collaborators.resolution_id IN (__[POSTCOMPILE_ids])'
        , (None, None), {}),
    'tracker_extensions_all': (
        'SELECT deadline_extensions.resolution_id, deadline_extensions.date, deadline_extensions.id, deadline_extensions.old_deadline \n'
        'FROM deadline_extensions \n'
        'WHERE deadline_extensions.resolution_id IS NOT NULL'
        , (None, 'date', None, 'date'), {}),
    'tracker_extensions_body': (
        'SELECT deadline_extensions.resolution_id, deadline_extensions.date, deadline_extensions.id, deadline_extensions.old_deadline \n'
        'FROM deadline_extensions \n'
        'WHERE deadline_extensions.resolution_id IN (SELECT resolutions.id \n'
        'FROM resolutions JOIN meetings ON meetings.id = resolutions.meeting_id \n'
        'WHERE meetings.body_id = :body_id)'
        , (None, 'date', None, 'date'), {}),
    'tracker_extensions_ids': (
        'SELECT deadline_extensions.resolution_id, deadline_extensions.date, deadline_extensions.id, deadline_extensions.old_deadline \n'
        'FROM deadline_extensions \n'
        'WHERE deadline_extensions.resolution_id IN (__[POSTCOMPILE_ids])'
        , (None, 'date', None, 'date'), {}),
    'tracker_reports_all': (
        'SELECT follow_ups.resolution_id, follow_ups.date, follow_ups.id, follow_ups.progress \n'
        'FROM follow_ups \n'
        'WHERE follow_ups.resolution_id IS NOT NULL'
        , (None, 'date', None, None), {}),
    'tracker_reports_body': (
        'SELECT follow_ups.resolution_id, follow_ups.date, follow_ups.id, follow_ups.progress \n'
        'FROM follow_ups \n'
        'WHERE follow_ups.resolution_id IN (SELECT resolutions.id \n'
        'FROM resolutions JOIN meetings ON meetings.id = resolutions.meeting_id \n'
        'WHERE meetings.body_id = :body_id)'
        , (None, 'date', None, None), {}),
    'tracker_reports_ids': (
        'SELECT follow_ups.resolution_id, follow_ups.date, follow_ups.id, follow_ups.progress \n'
        'FROM follow_ups \n'
        'WHERE follow_ups.resolution_id IN (__[POSTCOMPILE_ids])'
        , (None, 'date', None, None), {}),
    'stats_meetings': (
        'SELECT meetings.body_id, meetings.date \n'
        'FROM meetings \n'
        'WHERE meetings.date >= :start AND meetings.date <= :end'
        , (None, 'date'), {}),
    'stats_meetings_of_bodies': (
        'SELECT meetings.body_id, meetings.date \n'
        'FROM meetings \n'
        'WHERE meetings.date >= :start AND meetings.date <= :end AND meetings.body_id IN (__[POSTCOMPILE_body_ids])'
        , (None, 'date'), {}),
    'stats_resolutions': (
        'SELECT resolutions.id, meetings.body_id, meetings.date, resolutions.status, resolutions.lead_unit_id, resolutions.deadline, (SELECT max(follow_ups.date) AS max_1 \n'
        'FROM follow_ups \n'
        'WHERE follow_ups.resolution_id = resolutions.id AND follow_ups.status_after = :param_1) AS done_on \n'
        'FROM resolutions JOIN meetings ON meetings.id = resolutions.meeting_id \n'
        'WHERE meetings.date >= :start AND meetings.date <= :end'
        , (None, None, 'date', 'enum', None, 'date', 'date'), {'param_1': 'done'}),
    'stats_resolutions_of_bodies': (
        'SELECT resolutions.id, meetings.body_id, meetings.date, resolutions.status, resolutions.lead_unit_id, resolutions.deadline, (SELECT max(follow_ups.date) AS max_1 \n'
        'FROM follow_ups \n'
        'WHERE follow_ups.resolution_id = resolutions.id AND follow_ups.status_after = :param_1) AS done_on \n'
        'FROM resolutions JOIN meetings ON meetings.id = resolutions.meeting_id \n'
        'WHERE meetings.date >= :start AND meetings.date <= :end AND meetings.body_id IN (__[POSTCOMPILE_body_ids])'
        , (None, None, 'date', 'enum', None, 'date', 'date'), {'param_1': 'done'}),
    'meeting': (
        'SELECT meetings.id, meetings.uuid, meetings.body_id, meetings.number, meetings.date, meetings.start_time, meetings.end_time, meetings.place, meetings.status, bodies.name, meetings.chair_id, chair.name AS name_1, chair.post, meetings.secretary_id, secretary.name AS name_2, secretary.post AS post_1 \n'
        'FROM meetings JOIN bodies ON bodies.id = meetings.body_id LEFT OUTER JOIN people AS chair ON chair.id = meetings.chair_id LEFT OUTER JOIN people AS secretary ON secretary.id = meetings.secretary_id \n'
        'WHERE meetings.id = :id'
        , (None, None, None, None, 'date', 'time', 'time', None, 'enum', None, None, None, None, None, None, None), {}),
    'meeting_agenda': (
        'SELECT agenda_items.id, agenda_items.uuid, agenda_items.text \n'
        'FROM agenda_items \n'
        'WHERE agenda_items.meeting_id = :id ORDER BY agenda_items.position, agenda_items.id'
        , (None, None, None), {}),
    'meeting_attendance': (
        'SELECT people.name, attendance.person_id, attendance.post, attendance.organisation, attendance.kind, attendance.status, attendance.deputy_name, attendance.uuid \n'
        'FROM attendance JOIN people ON people.id = attendance.person_id \n'
        'WHERE attendance.meeting_id = :id ORDER BY attendance.position, attendance.id'
        , (None, None, None, None, 'enum', 'enum', None, None), {}),
    'meeting_discussion': (
        'SELECT discussion_entries.speaker, discussion_entries.text, discussion_entries.agenda_item_id, discussion_entries.uuid \n'
        'FROM discussion_entries \n'
        'WHERE discussion_entries.meeting_id = :id ORDER BY discussion_entries.position, discussion_entries.id'
        , (None, None, None, None), {}),
    'meeting_resolutions': (
        'SELECT resolutions.id, resolutions.uuid, resolutions.text, units.name, resolutions.deadline, CASE WHEN (EXISTS (SELECT * \n'
        'FROM deadline_extensions \n'
        'WHERE deadline_extensions.resolution_id = resolutions.id)) THEN (SELECT e0.old_deadline \n'
        'FROM deadline_extensions AS e0 \n'
        'WHERE e0.resolution_id = resolutions.id ORDER BY e0.date, e0.id\n'
        ' LIMIT :param_1 OFFSET :param_2) ELSE resolutions.deadline END AS original_deadline, resolutions.standing, resolutions.status, (SELECT count(*) AS count_1 \n'
        'FROM follow_ups \n'
        'WHERE follow_ups.resolution_id = resolutions.id) AS anon_1, (SELECT count(*) AS count_2 \n'
        'FROM deadline_extensions \n'
        'WHERE deadline_extensions.resolution_id = resolutions.id) AS anon_2 \n'
        'FROM resolutions LEFT OUTER JOIN units ON units.id = resolutions.lead_unit_id \n'
        'WHERE resolutions.meeting_id = :id ORDER BY resolutions.number, resolutions.id'
        , (None, None, None, None, 'date', 'date', 'bool', 'enum', None, None), {'param_1': 1, 'param_2': 0}),
    'meeting_collaborators': (
        'SELECT resolution_collaborators.resolution_id, units.name \n'
        'FROM resolution_collaborators JOIN units ON units.id = resolution_collaborators.unit_id JOIN resolutions ON resolutions.id = resolution_collaborators.resolution_id \n'
        'WHERE resolutions.meeting_id = :id ORDER BY resolution_collaborators.position, resolution_collaborators.id'
        , (None, None), {}),
    'original_deadlines': (
        'SELECT resolutions.uuid, CASE WHEN (EXISTS (SELECT * \n'
        'FROM deadline_extensions \n'
        'WHERE deadline_extensions.resolution_id = resolutions.id)) THEN (SELECT e0.old_deadline \n'
        'FROM deadline_extensions AS e0 \n'
        'WHERE e0.resolution_id = resolutions.id ORDER BY e0.date, e0.id\n'
        ' LIMIT :param_1 OFFSET :param_2) ELSE resolutions.deadline END AS original_deadline \n'
        'FROM resolutions \n'
        'WHERE resolutions.meeting_id = :id'
        , (None, 'date'), {'param_1': 1, 'param_2': 0}),
    'people_named': (
        'SELECT people.id, people.name, people.post \n'
        'FROM people \n'
        'WHERE people.id IN (__[POSTCOMPILE_ids])'
        , (None, None, None), {}),
    'meeting_final_state': (
        'SELECT meetings.finalised_at, meetings.revision, meetings.fingerprint \n'
        'FROM meetings \n'
        'WHERE meetings.id = :id'
        , ('datetime', None, None), {}),
    'meeting_amendments': (
        'SELECT amendments.revision, amendments.created_at, amendments.reason, amendments.os_user, amendments.secretary, amendments.changes \n'
        'FROM amendments \n'
        'WHERE amendments.meeting_id = :id ORDER BY amendments.revision'
        , (None, 'datetime', None, None, None, None), {}),
    'meeting_revision': (
        'SELECT meeting_revisions.content, meeting_revisions.fingerprint, meeting_revisions.created_at \n'
        'FROM meeting_revisions \n'
        'WHERE meeting_revisions.meeting_id = :id AND meeting_revisions.revision = :revision'
        , (None, None, 'datetime'), {}),
    'meeting_reports': (
        'SELECT earlier.number, earlier.date, bodies.name, resolutions.number AS number_1, resolutions.text, follow_ups.text AS text_1, follow_ups.status_after, follow_ups.progress, follow_ups.new_deadline \n'
        'FROM follow_ups JOIN resolutions ON resolutions.id = follow_ups.resolution_id JOIN meetings AS earlier ON earlier.id = resolutions.meeting_id JOIN bodies ON bodies.id = earlier.body_id \n'
        'WHERE follow_ups.reporter = :label AND follow_ups.date = :date AND resolutions.meeting_id != :id ORDER BY earlier.date, earlier.id, resolutions.number, follow_ups.id'
        , (None, 'date', None, None, None, None, 'enum', None, 'date'), {}),
    'meeting_letter': (
        'SELECT meetings.letter_number, meetings.letter_date, meetings.year, (SELECT count(*) AS count_1 \n'
        'FROM meetings AS other \n'
        'WHERE other.body_id = meetings.body_id AND other.year = meetings.year AND (other.date < meetings.date OR other.date = meetings.date AND other.number <= meetings.number)) AS anon_1 \n'
        'FROM meetings \n'
        'WHERE meetings.id = :id'
        , (None, 'date', None, None), {}),
    'package_bodies': (
        'SELECT bodies.id, bodies.uuid, bodies.name, bodies.kind, bodies.parent_id, bodies.meetings_per_year \n'
        'FROM bodies'
        , (None, None, None, 'enum', None, None), {}),
    'package_meetings': (
        'SELECT meetings.id, meetings.uuid, meetings.body_id, meetings.year, meetings.number, meetings.date, meetings.start_time, meetings.end_time, meetings.place, meetings.status, meetings.chair_id, meetings.secretary_id, meetings.finalised_at, meetings.revision, meetings.fingerprint, meetings.letter_number, meetings.letter_date \n'
        'FROM meetings \n'
        'WHERE meetings.body_id IN (__[POSTCOMPILE_body_ids]) AND meetings.date <= :end ORDER BY meetings.date, meetings.number, meetings.id'
        , (None, None, None, None, None, 'date', 'time', 'time', None, 'enum', None, None, 'datetime', None, None, None, 'date'), {}),
    'package_history': (
        'SELECT meetings.id \n'
        'FROM meetings \n'
        'WHERE meetings.id IN (__[POSTCOMPILE_meeting_ids]) AND meetings.id IN (SELECT resolutions.meeting_id \n'
        'FROM follow_ups JOIN resolutions ON resolutions.id = follow_ups.resolution_id \n'
        'WHERE follow_ups.date >= :start AND follow_ups.date <= :end UNION SELECT resolutions.meeting_id \n'
        'FROM deadline_extensions JOIN resolutions ON resolutions.id = deadline_extensions.resolution_id \n'
        'WHERE deadline_extensions.date >= :start AND deadline_extensions.date <= :end)'
        , (None,), {}),
    'package_agenda': (
        'SELECT agenda_items.meeting_id, agenda_items.id, agenda_items.uuid, agenda_items.position, agenda_items.text \n'
        'FROM agenda_items \n'
        'WHERE agenda_items.meeting_id IN (__[POSTCOMPILE_meeting_ids]) ORDER BY agenda_items.meeting_id, agenda_items.position, agenda_items.id'
        , (None, None, None, None, None), {}),
    'package_attendance': (
        'SELECT attendance.meeting_id, attendance.uuid, attendance.person_id, attendance.position, attendance.kind, attendance.status, attendance.deputy_name, attendance.post, attendance.organisation \n'
        'FROM attendance \n'
        'WHERE attendance.meeting_id IN (__[POSTCOMPILE_meeting_ids]) ORDER BY attendance.meeting_id, attendance.position, attendance.id'
        , (None, None, None, None, 'enum', 'enum', None, None, None), {}),
    'package_discussion': (
        'SELECT discussion_entries.meeting_id, discussion_entries.uuid, discussion_entries.position, discussion_entries.speaker, discussion_entries.speaker_id, discussion_entries.agenda_item_id, discussion_entries.text \n'
        'FROM discussion_entries \n'
        'WHERE discussion_entries.meeting_id IN (__[POSTCOMPILE_meeting_ids]) ORDER BY discussion_entries.meeting_id, discussion_entries.position, discussion_entries.id'
        , (None, None, None, None, None, None, None), {}),
    'package_resolutions': (
        'SELECT resolutions.meeting_id, resolutions.id, resolutions.uuid, resolutions.number, resolutions.text, resolutions.lead_unit_id, resolutions.deadline, resolutions.standing, resolutions.status, resolutions.superseded_by_id \n'
        'FROM resolutions \n'
        'WHERE resolutions.meeting_id IN (__[POSTCOMPILE_meeting_ids]) ORDER BY resolutions.meeting_id, resolutions.number, resolutions.id'
        , (None, None, None, None, None, None, 'date', 'bool', 'enum', None), {}),
    'package_collaborators': (
        'SELECT resolution_collaborators.resolution_id, resolution_collaborators.unit_id \n'
        'FROM resolution_collaborators \n'
        'WHERE resolution_collaborators.resolution_id IN (SELECT resolutions.id \n'
        'FROM resolutions \n'
        'WHERE resolutions.meeting_id IN (__[POSTCOMPILE_meeting_ids])) ORDER BY resolution_collaborators.resolution_id, resolution_collaborators.position, resolution_collaborators.id'
        , (None, None), {}),
    'package_follow_ups': (
        'SELECT follow_ups.resolution_id, follow_ups.uuid, follow_ups.date, follow_ups.reporter, follow_ups.reporter_unit_id, follow_ups.text, follow_ups.progress, follow_ups.new_deadline, follow_ups.status_after, follow_ups.created_at \n'
        'FROM follow_ups \n'
        'WHERE follow_ups.resolution_id IN (SELECT resolutions.id \n'
        'FROM resolutions \n'
        'WHERE resolutions.meeting_id IN (__[POSTCOMPILE_meeting_ids])) ORDER BY follow_ups.resolution_id, follow_ups.date, follow_ups.id'
        , (None, None, 'date', None, None, None, None, 'date', 'enum', 'datetime'), {}),
    'package_extensions': (
        'SELECT deadline_extensions.resolution_id, deadline_extensions.uuid, deadline_extensions.date, deadline_extensions.old_deadline, deadline_extensions.new_deadline, deadline_extensions.reason, deadline_extensions.granted_by, deadline_extensions.granted_by_resolution_id, deadline_extensions.created_at \n'
        'FROM deadline_extensions \n'
        'WHERE deadline_extensions.resolution_id IN (SELECT resolutions.id \n'
        'FROM resolutions \n'
        'WHERE resolutions.meeting_id IN (__[POSTCOMPILE_meeting_ids])) ORDER BY deadline_extensions.resolution_id, deadline_extensions.date, deadline_extensions.id'
        , (None, None, 'date', 'date', 'date', None, None, None, 'datetime'), {}),
    'package_amendments': (
        'SELECT amendments.meeting_id, amendments.uuid, amendments.revision, amendments.reason, amendments.os_user, amendments.secretary, amendments.created_at, amendments.changes \n'
        'FROM amendments \n'
        'WHERE amendments.meeting_id IN (__[POSTCOMPILE_meeting_ids]) ORDER BY amendments.meeting_id, amendments.revision'
        , (None, None, None, None, None, None, 'datetime', None), {}),
    'package_revisions': (
        'SELECT meeting_revisions.meeting_id, meeting_revisions.revision, meeting_revisions.fingerprint, meeting_revisions.created_at, meeting_revisions.content \n'
        'FROM meeting_revisions \n'
        'WHERE meeting_revisions.meeting_id IN (__[POSTCOMPILE_meeting_ids]) ORDER BY meeting_revisions.meeting_id, meeting_revisions.revision'
        , (None, None, None, 'datetime', None), {}),
    'package_people': (
        'SELECT people.id, people.uuid, people.name, people.post \n'
        'FROM people \n'
        'WHERE people.id IN (__[POSTCOMPILE_ids])'
        , (None, None, None, None), {}),
    'resolution_uuids': (
        'SELECT resolutions.id, resolutions.uuid \n'
        'FROM resolutions \n'
        'WHERE resolutions.id IN (__[POSTCOMPILE_ids])'
        , (None, None), {}),
}
