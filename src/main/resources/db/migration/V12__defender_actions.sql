-- Every Defender machine action Vigil starts (isolate, scan, ...), keyed by Defender's own action id, polled
-- until Defender reports an end state. The partial index answers "is one of these already running on that
-- device?" before a repeat reaches Defender.
create table defender_action (
    id             text        primary key,
    tenant         text        not null,
    machine_id     text        not null,
    type           text        not null,
    scope          text,
    file_sha1      text,
    requested_by   text        not null,
    comment        text        not null,
    status         text        not null check (status in
                       ('Pending', 'InProgress', 'Succeeded', 'Failed', 'TimeOut', 'Cancelled')),
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    last_polled_at timestamptz,
    -- The last polling failure (Defender unreachable, refused); cleared by the next good poll.
    error          text
);

create index defender_action_active_idx on defender_action (tenant, machine_id, type)
    where status in ('Pending', 'InProgress');

-- Each status an action was seen in, in order, so its history survives the row's later updates.
create table defender_action_change (
    seq         bigserial   primary key,
    action_id   text        not null references defender_action (id) on delete cascade,
    status      text        not null,
    observed_at timestamptz not null
);

create index defender_action_change_action_idx on defender_action_change (action_id, seq);
