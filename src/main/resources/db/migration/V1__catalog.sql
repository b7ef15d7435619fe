-- The logical store. Written once for SQLite and PostgreSQL: ${id} expands to each database's
-- auto-increment primary key, ${json} to its JSON text type. Times are ISO-8601 UTC text so that
-- they read the same in both databases and in the event log.

CREATE TABLE supplier (
    id          ${id},
    name        VARCHAR(255) NOT NULL UNIQUE,
    created_at  VARCHAR(40)  NOT NULL
);

CREATE TABLE product (
    id           ${id},
    name         VARCHAR(255) NOT NULL UNIQUE,
    supplier_id  BIGINT REFERENCES supplier (id),
    kind         VARCHAR(16)  NOT NULL,
    scheme       VARCHAR(16)  NOT NULL,
    description  TEXT,
    homepage     VARCHAR(2048),
    created_at   VARCHAR(40)  NOT NULL,
    created_by   VARCHAR(255) NOT NULL
);
CREATE INDEX product_supplier ON product (supplier_id);

CREATE TABLE version (
    id             ${id},
    product_id     BIGINT       NOT NULL REFERENCES product (id),
    version        VARCHAR(255) NOT NULL,
    upload_seq     BIGINT       NOT NULL,
    release_date   VARCHAR(40),
    status         VARCHAR(16)  NOT NULL,
    status_reason  TEXT,
    status_by      VARCHAR(255),
    status_at      VARCHAR(40),
    created_at     VARCHAR(40)  NOT NULL,
    created_by     VARCHAR(255) NOT NULL,
    UNIQUE (product_id, version)
);

CREATE TABLE media_item (
    id           ${id},
    version_id   BIGINT        NOT NULL REFERENCES version (id),
    file_name    VARCHAR(255)  NOT NULL,
    size         BIGINT        NOT NULL,
    sha256       CHAR(64)      NOT NULL,
    media_type   VARCHAR(255)  NOT NULL,
    format       VARCHAR(16)   NOT NULL,
    license      VARCHAR(1024),
    metadata     ${json}       NOT NULL,
    created_at   VARCHAR(40)   NOT NULL,
    created_by   VARCHAR(255)  NOT NULL,
    UNIQUE (version_id, file_name)
);
CREATE INDEX media_item_sha256 ON media_item (sha256);
CREATE INDEX media_item_license ON media_item (license);

CREATE TABLE offline_location (
    id             ${id},
    media_item_id  BIGINT        NOT NULL REFERENCES media_item (id),
    location       VARCHAR(2048) NOT NULL,
    checked_by     VARCHAR(255)  NOT NULL,
    checked_at     VARCHAR(40)   NOT NULL
);
CREATE INDEX offline_location_item ON offline_location (media_item_id);

CREATE TABLE build_record (
    version_id         BIGINT NOT NULL PRIMARY KEY REFERENCES version (id),
    source_repository  VARCHAR(2048),
    revision           VARCHAR(255),
    builder            VARCHAR(255),
    build_command      TEXT,
    environment        TEXT,
    provenance         ${json},
    recorded_at        VARCHAR(40) NOT NULL,
    recorded_by        VARCHAR(255) NOT NULL
);

-- The event log. seq is assigned by the writer under the chain lock (the single row of
-- event_head), never by the database, so the chain has no gaps and one order in every database.
CREATE TABLE event (
    seq        BIGINT       NOT NULL PRIMARY KEY,
    at         VARCHAR(40)  NOT NULL,
    actor      VARCHAR(255) NOT NULL,
    action     VARCHAR(64)  NOT NULL,
    subject    VARCHAR(1024) NOT NULL,
    details    ${json}      NOT NULL,
    prev_hash  CHAR(64)     NOT NULL,
    hash       CHAR(64)     NOT NULL
);
CREATE INDEX event_subject ON event (subject);

CREATE TABLE event_head (
    id    INTEGER     NOT NULL PRIMARY KEY,
    seq   BIGINT      NOT NULL,
    hash  CHAR(64)    NOT NULL
);
INSERT INTO event_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE api_token (
    id           ${id},
    name         VARCHAR(255) NOT NULL,
    principal    VARCHAR(255) NOT NULL,
    token_hash   CHAR(64)     NOT NULL UNIQUE,
    roles        VARCHAR(255) NOT NULL,
    created_at   VARCHAR(40)  NOT NULL,
    expires_at   VARCHAR(40),
    revoked_at   VARCHAR(40)
);
