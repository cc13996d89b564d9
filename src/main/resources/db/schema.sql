-- The service's own tables beside Axon's event store and token store. Idempotent: run at every start.

-- Accounts that exist now: credentials and the username they hold.
CREATE TABLE IF NOT EXISTS citizen_account (
    account_id    VARCHAR(36)  PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL UNIQUE,
    password_hash VARCHAR(512) NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL
);
-- Consent state that every request decides on; kept in step with the consent events in the same transaction.
ALTER TABLE citizen_account ADD COLUMN IF NOT EXISTS cloud_consent BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE citizen_account ADD COLUMN IF NOT EXISTS hco_grant VARCHAR(36);

-- The logical buckets that exist (recorded, not inferred from object keys, so an empty bucket still lists).
CREATE TABLE IF NOT EXISTS citizen_bucket (
    bucket_name VARCHAR(80) PRIMARY KEY,
    account_id  VARCHAR(36) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS citizen_bucket_by_account ON citizen_bucket (account_id);
-- An emergency bucket's HCO: the SHA-256 (hex) of its certificate's SubjectPublicKeyInfo, from the first upload
-- into it; only that key reaches the bucket. Null for home buckets and for emergency buckets created before it was
-- recorded (which no HCP reaches any more).
ALTER TABLE citizen_bucket ADD COLUMN IF NOT EXISTS hco_key VARCHAR(64);

-- Every account that ever existed, kept after deletion so compliance officers can find its stream by username.
CREATE TABLE IF NOT EXISTS account_history (
    account_id    VARCHAR(36) PRIMARY KEY,
    username      VARCHAR(32) NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    deleted_at    TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS account_history_by_username ON account_history (username);

-- Failed logins, shared by every replica, for the login throttle: per username (subject) and client address. Each
-- attempt is written here before its password is checked; a success removes its pair's rows; rows past the window are pruned.
CREATE TABLE IF NOT EXISTS login_failure (
    subject   VARCHAR(200) NOT NULL,
    failed_at TIMESTAMPTZ  NOT NULL
);
ALTER TABLE login_failure ADD COLUMN IF NOT EXISTS client VARCHAR(200) NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS login_failure_by_subject ON login_failure (subject, failed_at);
CREATE INDEX IF NOT EXISTS login_failure_by_client ON login_failure (client, failed_at);
CREATE INDEX IF NOT EXISTS login_failure_by_time ON login_failure (failed_at);

-- The records whose upload was recorded: what listings and metadata answer from.
CREATE TABLE IF NOT EXISTS health_record (
    bucket_name  VARCHAR(80)  NOT NULL,
    object_name  VARCHAR(128) NOT NULL,
    account_id   VARCHAR(36)  NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    content_type VARCHAR(255) NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    date_added   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (bucket_name, object_name)
);
CREATE INDEX IF NOT EXISTS health_record_by_account ON health_record (account_id);
-- The stored version that downloads read (its object key is {bucket}/{object}@{version}); NULL for records stored
-- before versions existed, under {bucket}/{object}.
ALTER TABLE health_record ADD COLUMN IF NOT EXISTS version VARCHAR(36);
-- The names whose first version holds (or is being uploaded to) the plain key {bucket}/{object}: one upload each.
CREATE TABLE IF NOT EXISTS record_first_key (
    bucket_name VARCHAR(80)  NOT NULL,
    object_name VARCHAR(128) NOT NULL,
    account_id  VARCHAR(36)  NOT NULL,
    PRIMARY KEY (bucket_name, object_name)
);
CREATE INDEX IF NOT EXISTS record_first_key_by_account ON record_first_key (account_id);

-- HCO assertion ids already used, kept until the assertion could no longer be accepted (exp plus the tolerated
-- clock skew: expires_at holds that moment); the replay guard shared by every replica.
CREATE TABLE IF NOT EXISTS seen_assertion (
    issuer     VARCHAR(64)  NOT NULL,
    jti        VARCHAR(256) NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (issuer, jti)
);

-- Emergency accesses not yet ended, so that their end (expiry) is recorded even when no request comes.
CREATE TABLE IF NOT EXISTS open_emergency_access (
    access_id  VARCHAR(36) PRIMARY KEY,
    account_id VARCHAR(36) NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS open_emergency_access_by_expiry ON open_emergency_access (expires_at);

-- Compliance officers, provisioned by the operator (java -jar sehr-cloud.jar auditor add NAME), never over HTTP.
CREATE TABLE IF NOT EXISTS auditor_account (
    username      VARCHAR(32)  PRIMARY KEY,
    password_hash VARCHAR(512) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL
);

-- The minutes in which an anonymous refusal was stored, per client address: at most one summary event each.
CREATE TABLE IF NOT EXISTS anonymous_refusal_minute (
    client_address VARCHAR(64) NOT NULL,
    minute         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (client_address, minute)
);
CREATE INDEX IF NOT EXISTS anonymous_refusal_minute_by_minute ON anonymous_refusal_minute (minute);

-- Transparency log (transparency/log): one RFC 9162 Merkle tree over every stored event, appended by one sequencer.
-- A leaf per event, numbered in the order the log took it; its bytes are the event's canonical JSON (with its salt).
CREATE TABLE IF NOT EXISTS log_leaf (
    leaf_index   BIGINT       PRIMARY KEY,
    event_id     VARCHAR(255) NOT NULL UNIQUE,
    global_index BIGINT       NOT NULL,
    account_id   VARCHAR(255),
    leaf         BYTEA        NOT NULL,
    appended_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX IF NOT EXISTS log_leaf_by_account ON log_leaf (account_id, leaf_index);
CREATE INDEX IF NOT EXISTS log_leaf_by_global_index ON log_leaf (global_index);
-- The accounts an event names besides its own (a bulk export's accountIds), written with the leaf: each of those
-- citizens finds the leaf in GET /citizen/log, and /audit/verify checks their view lines for it. When the table is
-- created, the leaves appended before it are linked once, from their payloads.
DO $$
BEGIN
    IF to_regclass('log_leaf_account') IS NULL THEN
        CREATE TABLE log_leaf_account (
            account_id VARCHAR(255) NOT NULL,
            leaf_index BIGINT       NOT NULL REFERENCES log_leaf (leaf_index),
            PRIMARY KEY (account_id, leaf_index)
        );
        INSERT INTO log_leaf_account (account_id, leaf_index)
        SELECT DISTINCT named.account, l.leaf_index
        FROM (SELECT leaf_index, account_id, convert_from(leaf, 'UTF8')::jsonb #> '{payload,accountIds}' AS ids
              FROM log_leaf WHERE position('"accountIds"'::bytea IN leaf) > 0) l,
             jsonb_array_elements_text(CASE WHEN jsonb_typeof(l.ids) = 'array' THEN l.ids ELSE '[]'::jsonb END) AS named(account)
        WHERE named.account IS DISTINCT FROM l.account_id;
    END IF;
END $$;
-- The hash of every complete subtree (level 0: leaf hashes): immutable rows, a proof reads O(log n) of them at once.
CREATE TABLE IF NOT EXISTS log_node (
    level SMALLINT NOT NULL,
    idx   BIGINT   NOT NULL,
    hash  BYTEA    NOT NULL,
    PRIMARY KEY (level, idx)
);
-- The tree's size: the sequencer locks this one row while it appends (its frontier is read from log_node).
CREATE TABLE IF NOT EXISTS log_head (
    id        SMALLINT    PRIMARY KEY CHECK (id = 1),
    tree_size BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
INSERT INTO log_head (id, tree_size, updated_at) VALUES (1, 0, now()) ON CONFLICT (id) DO NOTHING;
-- Signed checkpoints (C2SP tlog-checkpoint notes), one per size the log signed, and the witnesses' cosignatures.
CREATE TABLE IF NOT EXISTS log_checkpoint (
    tree_size BIGINT      PRIMARY KEY,
    root_hash BYTEA       NOT NULL,
    note      TEXT        NOT NULL,
    signed_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS log_cosignature (
    tree_size BIGINT       NOT NULL,
    witness   VARCHAR(255) NOT NULL,
    line      TEXT         NOT NULL,
    PRIMARY KEY (tree_size, witness)
);
-- The size each witness last cosigned (the old size of the next add-checkpoint request).
CREATE TABLE IF NOT EXISTS log_witness (
    witness       VARCHAR(255) PRIMARY KEY,
    cosigned_size BIGINT       NOT NULL
);
-- The log keys that have signed checkpoints (vkeys): a replica with another key refuses to start unless told to rotate.
CREATE TABLE IF NOT EXISTS log_key (
    vkey     VARCHAR(512) PRIMARY KEY,
    added_at TIMESTAMPTZ  NOT NULL
);
-- Every emergency access with its justification, its end, the citizen's review and the compliance officer's
-- decision: GET /citizen/emergency and the dispute queue (GET /audit/disputes); kept in the same transaction as the
-- emergency events.
CREATE TABLE IF NOT EXISTS emergency_access (
    access_id        VARCHAR(36)  PRIMARY KEY,
    account_id       VARCHAR(36)  NOT NULL,
    hco_name         VARCHAR(256) NOT NULL,
    hcp_name         VARCHAR(256) NOT NULL,
    justification    TEXT,
    granted_on       TIMESTAMPTZ  NOT NULL,
    expires_on       TIMESTAMPTZ  NOT NULL,
    ended_on         TIMESTAMPTZ,
    end_reason       VARCHAR(20),
    review_verdict   VARCHAR(12),
    review_comment   TEXT,
    reviewed_on      TIMESTAMPTZ,
    decision         VARCHAR(12),
    decision_comment TEXT,
    decided_on       TIMESTAMPTZ,
    decided_by       VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS emergency_access_by_account ON emergency_access (account_id, granted_on);
CREATE INDEX IF NOT EXISTS emergency_access_disputes ON emergency_access (reviewed_on) WHERE review_verdict = 'disputed';

-- Records the citizen keeps out of emergency access (EHDS Art. 8): HCPs neither list nor read them.
ALTER TABLE health_record ADD COLUMN IF NOT EXISTS emergency_visible BOOLEAN NOT NULL DEFAULT TRUE;

-- Notifications of emergency accesses granted, ended and decided, written in the same transaction as their event and
-- delivered at least once by routes/api/notifications.camel.yaml; a row is removed when delivered, or kept with
-- given_up_at once sehr.notify.retry-for has passed. The body holds no record names and no justification.
CREATE TABLE IF NOT EXISTS notification_outbox (
    id              VARCHAR(36)  PRIMARY KEY,
    body            TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    given_up_at     TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS notification_outbox_due ON notification_outbox (next_attempt_at) WHERE given_up_at IS NULL;
