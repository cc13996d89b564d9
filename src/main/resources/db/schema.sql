-- The service's own tables beside Axon's event store and token store. Idempotent: run at every start.

-- Accounts that exist now: credentials and the username they hold.
CREATE TABLE IF NOT EXISTS citizen_account (
    account_id    VARCHAR(36)  PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL UNIQUE,
    password_hash VARCHAR(512) NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL
);

-- Every account that ever existed, kept after deletion so compliance officers can find its stream by username.
CREATE TABLE IF NOT EXISTS account_history (
    account_id    VARCHAR(36) PRIMARY KEY,
    username      VARCHAR(32) NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    deleted_at    TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS account_history_by_username ON account_history (username);

-- Failed logins, shared by every replica, for the login throttle.
CREATE TABLE IF NOT EXISTS login_failure (
    subject   VARCHAR(200) NOT NULL,
    failed_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failure_by_subject ON login_failure (subject, failed_at);
