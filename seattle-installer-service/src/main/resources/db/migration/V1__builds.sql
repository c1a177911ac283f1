-- Build records. Written to run unchanged on H2 (the default, embedded) and PostgreSQL: standard types
-- only, times as epoch milliseconds, binary values as base64 text.

CREATE TABLE builds (
    id CHAR(40) NOT NULL PRIMARY KEY,
    created_at BIGINT NOT NULL,
    -- The time of the vesselinfo entry in the installers, in epoch seconds: fixed per build, so that a build
    -- always gives the same bytes for the same bases.
    entry_time BIGINT NOT NULL,
    expires_at BIGINT,
    -- SHA-256 of the vesselinfo for requests whose keys were all given (they are de-duplicated); NULL for
    -- builds with generated keys, which are unique.
    request_digest CHAR(64),
    vesselinfo VARCHAR(1000000) NOT NULL,
    vesselinfo_signature VARCHAR(4096) NOT NULL,
    -- The SHA-256 fingerprint of the operator key that made that signature: a record whose signature does
    -- not verify with the key it names was changed outside the service.
    vesselinfo_signer CHAR(64) NOT NULL,
    -- The base set current when the build was made.
    base_set_id CHAR(64) NOT NULL
);

CREATE UNIQUE INDEX builds_request_digest ON builds (request_digest);
CREATE INDEX builds_expires_at ON builds (expires_at);

-- Per build, base set and platform: the installer's size, SHA-256 and signature, computed on its first
-- download and kept. New bases give new rows; the build's own record does not change.
CREATE TABLE build_installers (
    build_id CHAR(40) NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    base_set_id CHAR(64) NOT NULL,
    platform VARCHAR(16) NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 CHAR(64) NOT NULL,
    signature VARCHAR(4096) NOT NULL,
    PRIMARY KEY (build_id, base_set_id, platform)
);
