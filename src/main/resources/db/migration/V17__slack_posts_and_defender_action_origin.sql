-- Outbox messages posted by other modules through SlackOutbox (kind POST): the thread they reply in, if
-- any, and one message per key (kept in fingerprint), so a repeated event never posts twice.
alter table notification add column thread_ts text;

create unique index notification_post_key_idx on notification (fingerprint) where kind = 'POST';

-- Defender actions started from a Slack button: which alert and Slack message they came from, so the
-- message announcing the action's end goes to that message's thread.
create table defender_action_slack (
    action_id   text        primary key references defender_action (id) on delete cascade,
    alert_id    uuid        not null,
    slack_user  text        not null,
    channel_id  text,
    message_ts  text,
    device_name text,
    created_at  timestamptz not null default now()
);
