-- SkillMatrix schema version 7: what each revision held, and saved 異動 scenarios.
-- A person's sheet as it was on a past day (the department "as of" views, the growth
-- report) is rebuilt from the revision that was current then; the chain alone
-- (staff_revision) says only that a version existed. Each new revision now keeps the
-- sheet it wrote as JSON (the interchange form, categories by id). Revisions made before
-- this version keep NULL, except each person's current one, filled in below from the
-- tables, so that every file has at least today's picture to start from.

ALTER TABLE staff_revision ADD COLUMN content TEXT;

UPDATE staff_revision SET content = (
    SELECT json_object(
        'id', s.id, 'name', s.name, 'kana', s.kana, 'title', s.title, 'section', s.section,
        'experience_override', s.experience_override,
        'qualifications', (SELECT json_group_array(json_object(
                'name', q.name, 'acquired', q.acquired, 'expires', q.expires))
            FROM (SELECT * FROM qualification WHERE staff_id = s.id ORDER BY position) q),
        'assignments', (SELECT json_group_array(json_object(
                'start', a.start_date, 'end', a.end_date, 'name', a.name, 'duties', a.duties))
            FROM (SELECT * FROM assignment WHERE staff_id = s.id ORDER BY position) a),
        'projects', (SELECT json_group_array(json_object(
                'start', p.start_date, 'end', p.end_date, 'name', p.name))
            FROM (SELECT * FROM project WHERE staff_id = s.id ORDER BY position) p),
        'entries', (SELECT json_group_array(json_object(
                'level', e.level, 'category', e.category_id, 'text', e.text, 'kind', e.kind,
                'date', e.date, 'note', e.note))
            FROM (SELECT * FROM entry WHERE staff_id = s.id ORDER BY level, category_id, position) e)
    )
    FROM staff s WHERE s.id = staff_revision.staff_id AND s.revision = staff_revision.revision
)
WHERE content IS NULL;

CREATE INDEX staff_revision_created ON staff_revision (staff_id, created);

-- A 異動 what-if saved by name: who leaves, who arrives (a person of the list or a
-- placeholder with only a 職名), and the chief's minimum per category.
CREATE TABLE scenario (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    content  TEXT NOT NULL DEFAULT '{}',
    created  TEXT NOT NULL,
    updated  TEXT NOT NULL
) STRICT;
