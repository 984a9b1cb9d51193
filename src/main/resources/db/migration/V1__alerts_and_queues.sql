-- Every accepted record, alert or context event, with the sensor's original text kept verbatim in raw.
create table alert (
    id              uuid primary key,
    kind            text        not null,
    source          text        not null,
    native_id       text,
    tenant          text,
    received_at     timestamptz not null,
    occurred_at     timestamptz,
    title           text        not null,
    description     text,
    native_severity text,
    severity        text        not null,
    category        text,
    entities        jsonb       not null,
    raw             text        not null,
    status          text        not null default 'NEW',
    queue           text        not null,
    risk_score      integer,
    risk_class      text,
    score_factors   jsonb,
    triaged_at      timestamptz,
    -- How many times triage ran for this alert: exactly once is the guarantee the queue gives.
    triage_runs     integer     not null default 0
);

create index alert_received_at_idx on alert (received_at);
create index alert_kind_severity_idx on alert (kind, severity, id);
create index alert_status_idx on alert (status, id);

-- Waiting work; a row is deleted in the transaction that stores its alert's triage.
create table work_item (
    id          bigint generated always as identity primary key,
    alert_id    uuid        not null references alert (id),
    queue       text        not null,
    enqueued_at timestamptz not null default now(),
    attempts    integer     not null default 0,
    last_error  text
);

create index work_item_queue_idx on work_item (queue, id);

create table queue_stats (
    queue     text primary key,
    processed bigint not null default 0
);

insert into queue_stats (queue) values ('priority'), ('standard'), ('failed');

create table worker_heartbeat (
    worker_id  text primary key,
    instance   text        not null,
    beat_at    timestamptz not null,
    started_at timestamptz not null,
    processed  bigint      not null
);

-- API keys are stored as SHA-256 of the key; the key itself is shown once, when created.
create table api_key (
    id           uuid primary key,
    name         text        not null,
    role         text        not null,
    key_hash     bytea       not null unique,
    key_prefix   text        not null,
    created_at   timestamptz not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
