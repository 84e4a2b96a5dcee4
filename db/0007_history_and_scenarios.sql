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

-- The department's rows as they travel between files (the shared file, the JSON dump):
-- one row per can-do tick, course, plan line and target profile, keyed and described by
-- names rather than this file's ids (two files seeded apart give the same statement or
-- course different ids), so that two copies can be compared row by row. The content is
-- the row's values as SQL literals (quote()) separated by commas: JSON functions may not
-- run in a view with trusted_schema off.
CREATE VIEW department_tick_rows AS
SELECT 'tick' AS kind,
       t.staff_id || '|' || c.name || '|' || s.level || '|' || s.text AS key,
       quote(t.date) AS content,
       t.staff_id AS staff_id
FROM can_do_tick t
JOIN can_do s ON s.id = t.statement_id
JOIN category c ON c.id = s.category_id;

CREATE VIEW department_course_rows AS
SELECT 'course' AS kind,
       co.name || '|' || co.provider AS key,
       quote(co.name) || ',' || quote(co.provider) || ','
           || quote((SELECT c.name FROM category c WHERE c.id = co.category_id)) || ','
           || quote(co.level) || ',' || quote(co.kind) || ',' || quote(co.note) AS content,
       NULL AS staff_id
FROM course co;

CREATE VIEW department_plan_rows AS
SELECT 'plan' AS kind,
       p.id AS key,
       quote(p.fiscal_year) || ',' || quote(p.staff_id) || ','
           || quote((SELECT co.name || '|' || co.provider FROM course co WHERE co.id = p.course_id)) || ','
           || quote(p.position) || ',' || quote(p.title) || ',' || quote(p.status) || ','
           || quote(p.note) AS content,
       p.staff_id AS staff_id
FROM plan_item p;

CREATE VIEW department_profile_rows AS
SELECT 'profile' AS kind,
       tp.name AS key,
       quote(tp.titles) || ',' || quote(tp.note) || ','
           || quote(coalesce((SELECT group_concat(n || '=' || lv, char(10)) FROM (
                  SELECT c.name AS n, tl.level AS lv FROM target_level tl
                  JOIN category c ON c.id = tl.category_id
                  WHERE tl.profile_id = tp.id ORDER BY c.name)), '')) || ','
           || quote(coalesce((SELECT group_concat(k, char(10)) FROM (
                  SELECT c.name || '|' || s.level || '|' || s.text AS k FROM target_can_do tc
                  JOIN can_do s ON s.id = tc.statement_id
                  JOIN category c ON c.id = s.category_id
                  WHERE tc.profile_id = tp.id ORDER BY k)), '')) AS content,
       NULL AS staff_id
FROM target_profile tp;

CREATE VIEW department_rows AS
SELECT kind, key, content, staff_id FROM department_tick_rows
UNION ALL SELECT kind, key, content, staff_id FROM department_course_rows
UNION ALL SELECT kind, key, content, staff_id FROM department_plan_rows
UNION ALL SELECT kind, key, content, staff_id FROM department_profile_rows;

-- Every version of those rows this file has held (written by the triggers below on each
-- change, and travelling with the shared file; NOT EXISTS rather than OR IGNORE, which
-- an outer upsert would override): a row of the other copy whose content
-- is one this file once had is older than ours; one that had ours and changed it is newer.
CREATE TABLE department_seen (
    kind     TEXT NOT NULL,
    key      TEXT NOT NULL,
    content  TEXT NOT NULL,
    staff_id TEXT,
    PRIMARY KEY (kind, key, content)
) STRICT;

INSERT OR IGNORE INTO department_seen (kind, key, content, staff_id)
SELECT kind, key, content, staff_id FROM department_rows;

CREATE TRIGGER department_seen_tick AFTER INSERT ON can_do_tick BEGIN
    INSERT INTO department_seen (kind, key, content, staff_id)
    SELECT kind, key, content, staff_id FROM department_tick_rows AS v
    WHERE staff_id = NEW.staff_id AND key = NEW.staff_id || '|' || (
        SELECT c.name || '|' || s.level || '|' || s.text FROM can_do s
        JOIN category c ON c.id = s.category_id WHERE s.id = NEW.statement_id)
      AND NOT EXISTS (SELECT 1 FROM department_seen AS d
                      WHERE d.kind = v.kind AND d.key = v.key AND d.content = v.content);
END;

CREATE TRIGGER department_seen_course AFTER INSERT ON course BEGIN
    INSERT INTO department_seen (kind, key, content, staff_id)
    SELECT kind, key, content, staff_id FROM department_course_rows AS v
    WHERE key = NEW.name || '|' || NEW.provider
      AND NOT EXISTS (SELECT 1 FROM department_seen AS d
                      WHERE d.kind = v.kind AND d.key = v.key AND d.content = v.content);
END;

CREATE TRIGGER department_seen_course_update AFTER UPDATE ON course BEGIN
    INSERT INTO department_seen (kind, key, content, staff_id)
    SELECT kind, key, content, staff_id FROM department_course_rows AS v
    WHERE key = NEW.name || '|' || NEW.provider
      AND NOT EXISTS (SELECT 1 FROM department_seen AS d
                      WHERE d.kind = v.kind AND d.key = v.key AND d.content = v.content);
END;

CREATE TRIGGER department_seen_plan AFTER INSERT ON plan_item BEGIN
    INSERT INTO department_seen (kind, key, content, staff_id)
    SELECT kind, key, content, staff_id FROM department_plan_rows AS v
    WHERE key = NEW.id
      AND NOT EXISTS (SELECT 1 FROM department_seen AS d
                      WHERE d.kind = v.kind AND d.key = v.key AND d.content = v.content);
END;

CREATE TRIGGER department_seen_plan_update AFTER UPDATE ON plan_item BEGIN
    INSERT INTO department_seen (kind, key, content, staff_id)
    SELECT kind, key, content, staff_id FROM department_plan_rows AS v
    WHERE key = NEW.id
      AND NOT EXISTS (SELECT 1 FROM department_seen AS d
                      WHERE d.kind = v.kind AND d.key = v.key AND d.content = v.content);
END;

CREATE TRIGGER department_seen_profile_insert AFTER INSERT ON target_profile BEGIN
    INSERT INTO department_seen (kind, key, content, staff_id)
    SELECT kind, key, content, staff_id FROM department_profile_rows AS v
    WHERE key = NEW.name
      AND NOT EXISTS (SELECT 1 FROM department_seen AS d
                      WHERE d.kind = v.kind AND d.key = v.key AND d.content = v.content);
END;

CREATE TRIGGER department_seen_profile AFTER UPDATE ON target_profile BEGIN
    INSERT INTO department_seen (kind, key, content, staff_id)
    SELECT kind, key, content, staff_id FROM department_profile_rows AS v
    WHERE key = NEW.name
      AND NOT EXISTS (SELECT 1 FROM department_seen AS d
                      WHERE d.kind = v.kind AND d.key = v.key AND d.content = v.content);
END;

CREATE TRIGGER department_seen_target_level AFTER INSERT ON target_level BEGIN
    INSERT INTO department_seen (kind, key, content, staff_id)
    SELECT kind, key, content, staff_id FROM department_profile_rows AS v
    WHERE key = (SELECT name FROM target_profile WHERE id = NEW.profile_id)
      AND NOT EXISTS (SELECT 1 FROM department_seen AS d
                      WHERE d.kind = v.kind AND d.key = v.key AND d.content = v.content);
END;

CREATE TRIGGER department_seen_target_can_do AFTER INSERT ON target_can_do BEGIN
    INSERT INTO department_seen (kind, key, content, staff_id)
    SELECT kind, key, content, staff_id FROM department_profile_rows AS v
    WHERE key = (SELECT name FROM target_profile WHERE id = NEW.profile_id)
      AND NOT EXISTS (SELECT 1 FROM department_seen AS d
                      WHERE d.kind = v.kind AND d.key = v.key AND d.content = v.content);
END;
