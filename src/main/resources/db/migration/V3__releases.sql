-- The release programme. Same SQL for SQLite and PostgreSQL (see V1). Times are ISO-8601 UTC
-- text; a release's planned window is kept as ISO-8601 local date-times with their offset, next
-- to the IANA zone they were planned in, so that the local wall-clock time is never lost.

-- The last sequence number handed out per calendar year (UTC): REL-<year>-<seq>.
CREATE TABLE release_sequence (
    year      INTEGER NOT NULL PRIMARY KEY,
    last_seq  INTEGER NOT NULL
);

CREATE TABLE release (
    id              VARCHAR(32)   NOT NULL PRIMARY KEY,
    year            INTEGER       NOT NULL,
    seq             INTEGER       NOT NULL,
    title           VARCHAR(255)  NOT NULL,
    type            VARCHAR(16)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    owner           VARCHAR(255)  NOT NULL,
    author          VARCHAR(255)  NOT NULL,
    window_start    VARCHAR(40),
    window_end      VARCHAR(40),
    window_zone     VARCHAR(64),
    notes           TEXT,
    backout_plan    TEXT,
    baseline        VARCHAR(32),
    review_reason   TEXT,
    review          TEXT,
    policy_version  INTEGER,
    created_at      VARCHAR(40)   NOT NULL,
    updated_at      VARCHAR(40)   NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX release_status ON release (status);

-- Content: media items pinned by digest. The catalog row is referenced too, but the release
-- keeps its own copy of what identifies the bytes.
CREATE TABLE release_item (
    id             ${id},
    release_id     VARCHAR(32)   NOT NULL REFERENCES release (id),
    product        VARCHAR(255)  NOT NULL,
    version        VARCHAR(255)  NOT NULL,
    file_name      VARCHAR(255)  NOT NULL,
    size           BIGINT        NOT NULL,
    sha256         CHAR(64)      NOT NULL,
    license        VARCHAR(1024),
    supplier       VARCHAR(255),
    media_item_id  BIGINT        NOT NULL REFERENCES media_item (id),
    added_by       VARCHAR(255)  NOT NULL,
    added_at       VARCHAR(40)   NOT NULL,
    UNIQUE (release_id, media_item_id)
);
CREATE INDEX release_item_release ON release_item (release_id);
CREATE INDEX release_item_sha256 ON release_item (sha256);

-- Test evidence: blobs in the physical store, named within the release.
CREATE TABLE release_evidence (
    id          ${id},
    release_id  VARCHAR(32)   NOT NULL REFERENCES release (id),
    name        VARCHAR(255)  NOT NULL,
    sha256      CHAR(64)      NOT NULL,
    size        BIGINT        NOT NULL,
    added_by    VARCHAR(255)  NOT NULL,
    added_at    VARCHAR(40)   NOT NULL,
    UNIQUE (release_id, name)
);
CREATE INDEX release_evidence_sha256 ON release_evidence (sha256);

-- One decision per approver and release.
CREATE TABLE release_approval (
    id          ${id},
    release_id  VARCHAR(32)   NOT NULL REFERENCES release (id),
    approver    VARCHAR(255)  NOT NULL,
    decision    VARCHAR(16)   NOT NULL,
    comment     TEXT,
    decided_at  VARCHAR(40)   NOT NULL,
    UNIQUE (release_id, approver)
);

-- Every change of status, in order.
CREATE TABLE release_transition (
    id           ${id},
    release_id   VARCHAR(32)   NOT NULL REFERENCES release (id),
    from_status  VARCHAR(16),
    to_status    VARCHAR(16)   NOT NULL,
    actor        VARCHAR(255)  NOT NULL,
    at           VARCHAR(40)   NOT NULL,
    note         TEXT
);
CREATE INDEX release_transition_release ON release_transition (release_id);

-- The signed manifest of an approved release: the exact document served, and its SHA-256.
CREATE TABLE release_manifest (
    release_id  VARCHAR(32)   NOT NULL PRIMARY KEY REFERENCES release (id),
    document    TEXT          NOT NULL,
    sha256      CHAR(64)      NOT NULL,
    key_id      VARCHAR(64)   NOT NULL,
    signed_at   VARCHAR(40)   NOT NULL
);

-- Versions of the release policy as the admins wrote them. Version 0, the built-in default, is
-- not stored.
CREATE TABLE release_policy (
    version     INTEGER       NOT NULL PRIMARY KEY,
    format      VARCHAR(8)    NOT NULL,
    text        TEXT          NOT NULL,
    sha256      CHAR(64)      NOT NULL,
    created_by  VARCHAR(255)  NOT NULL,
    created_at  VARCHAR(40)   NOT NULL
);
