-- The Slack outbox. A row is written in the transaction that stores an alert's triage, so a message is
-- recorded exactly when the alert is; the dispatcher sends rows afterwards, in id order per channel.
--   kind ALERT:      one top-level message per alert (text and blocks rendered when it was recorded).
--   kind DUPLICATES: the one thread reply under an ALERT row counting later alerts with the same
--                    fingerprint; posted once, then edited (chat.update) as the count grows.
-- state: PENDING (waiting or being retried), SENT, DEAD (a permanent error; see notification_dead_letter).
create table notification (
    id                 bigint generated always as identity primary key,
    channel            text        not null,
    kind               text        not null,
    alert_id           uuid,
    fingerprint        text,
    parent_id          bigint references notification (id),
    text               text,
    blocks             jsonb,
    -- DUPLICATES: how many duplicates have been seen, how many the reply in Slack shows, and when the
    -- latest arrived. ALERT rows count their duplicates too (a webhook has no threads to reply in).
    duplicates         integer     not null default 0,
    sent_count         integer     not null default 0,
    last_duplicate_at  timestamptz,
    state              text        not null default 'PENDING',
    attempts           integer     not null default 0,
    next_attempt_at    timestamptz not null default now(),
    last_error         text,
    -- Set and committed before each post, cleared with its outcome: a row claimed while it is still set
    -- was being posted when an instance died, and Slack may or may not have the message.
    attempt_started_at timestamptz,
    -- The last post timed out or broke off after it was sent: Slack may have the message.
    outcome_unknown    boolean     not null default false,
    lease_owner        text,
    lease_until        timestamptz,
    slack_ts           text,
    created_at         timestamptz not null default now(),
    sent_at            timestamptz
);

-- The dispatcher's question: the first waiting row of each channel.
create index notification_waiting_idx on notification (channel, id)
    where state = 'PENDING' or (kind = 'DUPLICATES' and state = 'SENT' and duplicates > sent_count);
-- Duplicate suppression: the latest message with this fingerprint in this channel.
create index notification_fingerprint_idx on notification (fingerprint, channel, created_at)
    where kind = 'ALERT';
create unique index notification_one_reply_idx on notification (parent_id) where kind = 'DUPLICATES';
create index notification_alert_idx on notification (alert_id);
-- Status: when Slack last took a message.
create index notification_sent_at_idx on notification (sent_at);

-- Messages Slack refused for good (channel_not_found, not_in_channel, invalid_auth, ...), with the reason.
-- Replaying one puts its notification back to PENDING and stamps replayed_at; the row stays as history.
create table notification_dead_letter (
    id              bigint generated always as identity primary key,
    notification_id bigint      not null references notification (id),
    reason          text        not null,
    attempts        integer     not null,
    failed_at       timestamptz not null default now(),
    replayed_at     timestamptz,
    replayed_by     text
);

create index notification_dead_letter_open_idx on notification_dead_letter (failed_at) where replayed_at is null;

-- Per-channel pacing shared by every instance: a token bucket (capacity and refill rate from config) and
-- the time until which Slack asked us to wait (Retry-After).
create table slack_channel_pace (
    channel       text primary key,
    tokens        double precision not null,
    refreshed_at  timestamptz      not null default now(),
    blocked_until timestamptz      not null default now()
);
