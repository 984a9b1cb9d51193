-- An action held for approval from a Slack button: the click behind it, so that once approved the action's
-- end is still announced in the alert message's thread (copied to defender_action_slack when it starts).
create table defender_approval_slack (
    approval_id uuid        primary key references defender_approval (id) on delete cascade,
    alert_id    uuid        not null,
    slack_user  text        not null,
    channel_id  text,
    message_ts  text,
    device_name text,
    created_at  timestamptz not null default now()
);
