-- SkillMatrix schema version 3: the department's view. Target profiles (求める人材像) with a
-- target level per category and the can-do statements they require, each person's profile
-- where it is not the default for their 職名, the course catalogue, can-do statements
-- (できること) ticked per person with a date, and the training plan (研修計画) of a 年度.
-- The default profiles, courses and statements are written by the program when it first
-- opens the file for writing (they name categories, which a new file gets after this).

CREATE TABLE target_profile (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL UNIQUE,
    titles   TEXT NOT NULL DEFAULT '[]',
    note     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE target_level (
    profile_id  TEXT NOT NULL REFERENCES target_profile (id) ON DELETE CASCADE,
    category_id TEXT NOT NULL REFERENCES category (id) ON DELETE CASCADE,
    level       INTEGER NOT NULL CHECK (level BETWEEN 0 AND 7),
    PRIMARY KEY (profile_id, category_id)
) STRICT;

CREATE TABLE staff_profile (
    staff_id   TEXT PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
    profile_id TEXT NOT NULL REFERENCES target_profile (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX staff_profile_profile ON staff_profile (profile_id);

CREATE TABLE course (
    id          TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    provider    TEXT NOT NULL DEFAULT '',
    category_id TEXT REFERENCES category (id) ON DELETE SET NULL,
    level       INTEGER CHECK (level BETWEEN 0 AND 7),
    kind        TEXT NOT NULL DEFAULT 'training' CHECK (kind IN ('training', 'work', 'role', 'other')),
    note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX course_position ON course (position);

CREATE TABLE can_do (
    id          TEXT PRIMARY KEY,
    category_id TEXT NOT NULL REFERENCES category (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    level       INTEGER NOT NULL CHECK (level BETWEEN 0 AND 7),
    grouping    TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL
) STRICT;
CREATE INDEX can_do_category ON can_do (category_id, position);

CREATE TABLE target_can_do (
    profile_id   TEXT NOT NULL REFERENCES target_profile (id) ON DELETE CASCADE,
    statement_id TEXT NOT NULL REFERENCES can_do (id) ON DELETE CASCADE,
    PRIMARY KEY (profile_id, statement_id)
) STRICT;

CREATE TABLE can_do_tick (
    staff_id     TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    statement_id TEXT NOT NULL REFERENCES can_do (id) ON DELETE CASCADE,
    date         TEXT,
    PRIMARY KEY (staff_id, statement_id)
) STRICT;

CREATE TABLE plan_item (
    id          TEXT PRIMARY KEY,
    fiscal_year INTEGER NOT NULL,
    staff_id    TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    course_id   TEXT REFERENCES course (id) ON DELETE SET NULL,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'proposed'
                CHECK (status IN ('proposed', 'accepted', 'dropped', 'done')),
    note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX plan_item_year ON plan_item (fiscal_year, staff_id, position);

CREATE INDEX qualification_expires ON qualification (expires) WHERE expires IS NOT NULL;
