-- SkillMatrix schema version 2: a view that reads like the résumé's grid, so that
-- `sqlite3 file 'select * from resume_entries'` or Datasette shows the data without the
-- program; and an index for finding a person's changes in the audit table.

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
FROM entry e
JOIN staff s ON s.id = e.staff_id
JOIN level l ON l.number = e.level
JOIN category c ON c.id = e.category_id
ORDER BY s.position, e.level, c.position, e.position;

CREATE INDEX audit_target ON audit (target, at);
