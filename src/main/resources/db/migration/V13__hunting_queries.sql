-- Saved advanced-hunting queries, per Defender tenant. A query with a schedule runs every interval; each
-- result row becomes an alert. next_run_at is the claim: an instance takes a due query with FOR UPDATE SKIP
-- LOCKED and moves next_run_at on before it calls Graph, so no other instance runs it in that period.
-- covered_until is the watermark: the end of the window the last successful run covered, where the next run
-- starts (less a small overlap), so a restart or a failed run skips nothing.
create table hunting_query (
    tenant            text        not null,
    name              text        not null,
    description       text,
    query             text        not null,
    timespan          text,
    schedule_interval text,
    severity          text        check (severity in ('INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    enabled           boolean     not null default false,
    created_by        text        not null,
    created_at        timestamptz not null,
    updated_by        text        not null,
    updated_at        timestamptz not null,
    next_run_at       timestamptz,
    covered_until     timestamptz,
    primary key (tenant, name)
);

create index hunting_query_due_idx on hunting_query (next_run_at) where enabled;

-- Each scheduled run: the window it asked for, what came back, and how it ended.
create table hunting_run (
    id            bigserial   primary key,
    tenant        text        not null,
    query_name    text        not null,
    started_at    timestamptz not null,
    finished_at   timestamptz not null,
    window_start  timestamptz not null,
    window_end    timestamptz not null,
    row_count     integer     not null default 0,
    alerts_raised integer     not null default 0,
    truncated     boolean     not null default false,
    error         text,
    foreign key (tenant, query_name) references hunting_query (tenant, name) on delete cascade
);

create index hunting_run_query_idx on hunting_run (tenant, query_name, id desc);

-- Rows that already raised an alert, by query: the overlap between windows returns them again, and this
-- keeps each to one alert. Kept for as long as Defender keeps hunting data (30 days) and a little more.
create table hunting_seen (
    tenant     text        not null,
    query_name text        not null,
    row_key    text        not null,
    alert_id   uuid        not null,
    seen_at    timestamptz not null,
    primary key (tenant, query_name, row_key),
    foreign key (tenant, query_name) references hunting_query (tenant, name) on delete cascade
);

create index hunting_seen_at_idx on hunting_seen (seen_at);
