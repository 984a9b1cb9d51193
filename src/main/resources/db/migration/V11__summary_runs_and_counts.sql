-- One row per summary sent or being sent. A scheduled run's period is claimed by inserting its row: the
-- unique index lets exactly one instance of a cluster in, whichever inserts first. Manual sends (POST
-- .../summary/send) are rows of their own kind, so they never take a scheduled period's place.
create table summary_run (
    id              uuid primary key,
    kind            text        not null check (kind in ('SCHEDULED', 'MANUAL')),
    period_start    timestamptz not null,
    period_end      timestamptz not null,
    state           text        not null check (state in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     not null default 0,
    -- When a pending run may next be tried. An instance taking a run moves this past the time one delivery
    -- can take (a lease), so no other instance tries it meanwhile; if that instance dies, the lease ends.
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    requested_by    text,
    -- The summary message, once posted: a retry then only shares the chart, never posts the message again.
    slack_ts        text,
    chart_file_id   text,
    sent_at         timestamptz
);

create unique index summary_run_scheduled_period_key on summary_run (period_start, period_end)
    where kind = 'SCHEDULED';
create index summary_run_due_idx on summary_run (next_attempt_at) where state = 'PENDING';
