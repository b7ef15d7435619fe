-- Users: the people and machines that hold API tokens. A token belongs to the user named in its
-- principal column; a token's effective roles are the roles it was given that its user still has,
-- so taking a role from a user takes it from every token of the user at once. Users are never
-- deleted, only disabled (with who and when), so that the event log's actors stay resolvable.
--
-- No row is inserted here: the first start registers the bootstrap "admin" user in code, in the
-- same transaction as its token, so that the registration is an event in the hash-chained log
-- like every other change (a migration cannot extend the chain). Libraries created before this
-- migration get a user for every token holder at their next start, with an event too.
CREATE TABLE app_user (
    id           ${id},
    name         VARCHAR(255) NOT NULL UNIQUE,
    roles        VARCHAR(255) NOT NULL,
    created_at   VARCHAR(40)  NOT NULL,
    created_by   VARCHAR(255) NOT NULL,
    disabled_at  VARCHAR(40),
    disabled_by  VARCHAR(255)
);

ALTER TABLE api_token ADD COLUMN created_by VARCHAR(255);
ALTER TABLE api_token ADD COLUMN revoked_by VARCHAR(255);
CREATE INDEX api_token_principal ON api_token (principal);
