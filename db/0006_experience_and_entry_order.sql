-- SkillMatrix schema version 6: 経験年数 for readers of a shared file who do not run the
-- program, and an order of the resume_entries view that the indexes give without sorting.
--
-- staff_experience is filled only in an exported shared file (by the export, from the
-- same rule the program prints with, as of the export day) and is empty in a working
-- database, where 経験年数 is always computed afresh. db/README.md states the rule and a
-- query that reproduces the figure from the assignment table.

CREATE TABLE staff_experience (
    staff_id TEXT PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
    years    INTEGER NOT NULL CHECK (years >= 0),
    computed INTEGER NOT NULL CHECK (computed >= 0),
    override INTEGER,
    as_of    TEXT NOT NULL
) STRICT;

-- resume_entries used to sort every entry of the file before its first row (about 1 s a
-- page in Datasette at 10,000 staff). Walking staff in list order, then level, category
-- and the entry index gives the same order from indexes: the first page reads only the
-- first people's rows. CROSS JOIN fixes the join order so SQLite keeps that plan.
CREATE INDEX category_position ON category (position);

DROP VIEW resume_entries;
CREATE VIEW resume_entries AS
SELECT s.id            AS staff_id,
       s.name          AS staff_name,
       s.kana          AS staff_kana,
       s.title         AS staff_title,
       s.section       AS staff_section,
       e.level         AS level,
       l.name          AS level_name,
       c.position      AS category_position,
       c.name          AS category,
       e.position      AS position,
       e.text          AS text,
       CASE e.kind WHEN 'training' THEN '研修' WHEN 'work' THEN '業務実績'
                   WHEN 'role' THEN '講師・委員' ELSE 'その他' END AS kind,
       e.date          AS date,
       e.note          AS note
FROM staff s
CROSS JOIN level l
CROSS JOIN category c
CROSS JOIN entry e ON e.staff_id = s.id AND e.level = l.number AND e.category_id = c.id
ORDER BY s.position, l.number, c.position, e.position;
