-- SkillMatrix schema version 4: 経験年数 as the office writes it. A person's sheet may carry
-- a display text (「20年以上」, 「約15年」, at most 20 characters) printed on the résumé
-- instead of 「N年」; the number (computed or experience_override) still sorts the list and
-- fills the department's matrix. '' means none.

ALTER TABLE staff ADD COLUMN experience_label TEXT NOT NULL DEFAULT '' CHECK (length(experience_label) <= 20);
