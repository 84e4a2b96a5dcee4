-- SkillMatrix schema version 1: the résumé store.
-- Every table is STRICT; ids are UUID text; dates are ISO text at the precision given
-- ('2013', '2013-04' or '2013-04-01'); timestamps are UTC ISO 8601.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE level (
    number     INTEGER PRIMARY KEY CHECK (number BETWEEN 0 AND 7),
    name       TEXT NOT NULL,
    short      TEXT NOT NULL,
    definition TEXT NOT NULL,
    criteria   TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TABLE category (
    id        TEXT PRIMARY KEY,
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL UNIQUE,
    knowledge TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE staff (
    id                  TEXT PRIMARY KEY,
    position            INTEGER NOT NULL,
    name                TEXT NOT NULL,
    kana                TEXT NOT NULL DEFAULT '',
    title               TEXT NOT NULL DEFAULT '',
    section             TEXT NOT NULL DEFAULT '',
    experience_override INTEGER,
    revision            TEXT NOT NULL,
    created             TEXT NOT NULL,
    updated             TEXT NOT NULL
) STRICT;
CREATE INDEX staff_position ON staff (position);

-- No foreign key: a person's revision chain outlives the person, so that a deletion
-- that is undone, or a person who comes back in a shared file, is still recognised.
CREATE TABLE staff_revision (
    staff_id TEXT NOT NULL,
    revision TEXT NOT NULL,
    parent   TEXT,
    created  TEXT NOT NULL,
    PRIMARY KEY (staff_id, revision)
) STRICT;

CREATE TABLE qualification (
    id       TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    acquired TEXT,
    expires  TEXT,
    created  TEXT NOT NULL,
    updated  TEXT NOT NULL
) STRICT;
CREATE INDEX qualification_staff ON qualification (staff_id, position);

CREATE TABLE assignment (
    id         TEXT PRIMARY KEY,
    staff_id   TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    start_date TEXT,
    end_date   TEXT,
    name       TEXT NOT NULL DEFAULT '',
    duties     TEXT NOT NULL DEFAULT '',
    created    TEXT NOT NULL,
    updated    TEXT NOT NULL
) STRICT;
CREATE INDEX assignment_staff ON assignment (staff_id, position);

CREATE TABLE project (
    id         TEXT PRIMARY KEY,
    staff_id   TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    start_date TEXT,
    end_date   TEXT,
    name       TEXT NOT NULL DEFAULT '',
    created    TEXT NOT NULL,
    updated    TEXT NOT NULL
) STRICT;
CREATE INDEX project_staff ON project (staff_id, position);

CREATE TABLE entry (
    id          TEXT PRIMARY KEY,
    staff_id    TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    level       INTEGER NOT NULL REFERENCES level (number),
    category_id TEXT NOT NULL REFERENCES category (id),
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('training', 'work', 'role', 'other')),
    date        TEXT,
    note        TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL,
    updated     TEXT NOT NULL
) STRICT;
CREATE INDEX entry_staff ON entry (staff_id, level, category_id, position);
CREATE INDEX entry_category ON entry (category_id);

CREATE TABLE audit (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    user   TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    before TEXT,
    after  TEXT
) STRICT;
