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

-- The summary's figures per hour, so a report over 30 days adds up some thousand rows per day instead of
-- unnesting the JSON of every alert in it. summary_facts is the one definition of what an alert counts
-- for; triggers on alert add an alert's facts when it is stored, the difference when it changes (triage,
-- a status change) and their negation when it is deleted, in the transaction that writes the alert, so the
-- counts can never disagree with the alerts, whatever writes them (ingest, triage, an API, a restore).
-- Rows are appended, never updated: no two transactions wait on one counter. SummaryCounts merges each
-- hour's rows now and then (same sums, fewer rows). Reports read whole UTC hours here and the minutes at
-- either end of a period from alert itself, through the same function.
create table summary_count (
    hour      timestamptz      not null,
    dimension text             not null,
    value     text,
    alerts    bigint           not null,
    -- For 'acknowledged': seconds from receipt to acknowledgement, summed.
    seconds   double precision not null default 0,
    merged    boolean          not null default false
);

create index summary_count_hour_idx on summary_count (hour);
create index summary_count_unmerged_idx on summary_count (hour) where not merged;

-- The threat category is SummaryReports.categoryExpression() verbatim (SummaryCountsTest checks it); the
-- host and user names are SummaryReports' as they were.
create function summary_facts(a alert)
    returns table (dimension text, value text, alerts bigint, seconds double precision)
    language sql stable as $$
select f.dimension, f.value, f.alerts, f.seconds
  from (select (a).*) x
 cross join lateral (
        select 'total', '', 1::bigint, 0::double precision
        union all select 'class', coalesce(x.risk_class, 'UNSCORED'), 1, 0
        union all select 'severity', x.severity, 1, 0
        union all select 'source', x.source, 1, 0
        union all select 'threat', (select case when techniques @> '[{"tactics":["impact"]}]'::jsonb or category ~* 'impact|ransom|wiper|destruct' then 'impact' when techniques @> '[{"tactics":["exfiltration"]}]'::jsonb or category ~* 'exfiltrat|information leak|data loss' then 'exfiltration' when techniques @> '[{"tactics":["command-and-control"]}]'::jsonb or category ~* 'command.?and.?control|beacon' then 'command-and-control' when techniques @> '[{"tactics":["lateral-movement"]}]'::jsonb or category ~* 'lateral.?movement' then 'lateral-movement' when techniques @> '[{"tactics":["credential-access"]}]'::jsonb or category ~* 'credential|password|brute.?force' then 'credential-access' when category ~* 'malware|trojan|virus|worm|backdoor|unwanted|exploit.?kit' then 'malware' when techniques @> '[{"tactics":["persistence"]}]'::jsonb or techniques @> '[{"tactics":["privilege-escalation"]}]'::jsonb or category ~* 'persistence|privilege' then 'persistence-privilege' when techniques @> '[{"tactics":["reconnaissance"]}]'::jsonb or techniques @> '[{"tactics":["discovery"]}]'::jsonb or category ~* 'recon|discovery|scan' then 'reconnaissance' when category ~* 'policy|privacy|compliance' then 'policy' else 'other' end from (select x.techniques, x.category) c), 1, 0
        union all select 'closed', '', 1, 0 where x.status in ('RESOLVED', 'FALSE_POSITIVE')
        union all select 'false_positive', '', 1, 0 where x.status = 'FALSE_POSITIVE'
        union all select 'acknowledged', '', 1, extract(epoch from x.acknowledged_at - x.received_at)::double precision
                   where x.acknowledged_at is not null
        union all select 'technique', t ->> 'id', 1, 0 from jsonb_array_elements(x.techniques) t
        union all select 'host', coalesce(e ->> 'name', e ->> 'ip', e ->> 'defenderDeviceId'), 1, 0
                    from jsonb_array_elements(x.entities -> 'hosts') e
        union all select 'user', case when e ->> 'name' is null then e ->> 'sid'
                                      when e ->> 'domain' is null then e ->> 'name'
                                      else (e ->> 'domain') || '\' || (e ->> 'name') end, 1, 0
                    from jsonb_array_elements(x.entities -> 'users') e
       ) f(dimension, value, alerts, seconds)
 where x.kind = 'ALERT'
$$;

create function summary_count_alerts() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into summary_count (hour, dimension, value, alerts, seconds)
        select date_trunc('hour', n.received_at, 'UTC'), f.dimension, f.value, sum(f.alerts), sum(f.seconds)
          from added n cross join lateral summary_facts(n) f
         group by 1, 2, 3;
    elsif tg_op = 'DELETE' then
        insert into summary_count (hour, dimension, value, alerts, seconds)
        select date_trunc('hour', o.received_at, 'UTC'), f.dimension, f.value, -sum(f.alerts), -sum(f.seconds)
          from removed o cross join lateral summary_facts(o) f
         group by 1, 2, 3;
    else
        -- What changed only: facts the old and new rows share cancel out.
        insert into summary_count (hour, dimension, value, alerts, seconds)
        select hour, dimension, value, sum(alerts), sum(seconds)
          from (select date_trunc('hour', n.received_at, 'UTC') as hour, f.dimension, f.value, f.alerts, f.seconds
                  from added n cross join lateral summary_facts(n) f
                union all
                select date_trunc('hour', o.received_at, 'UTC'), f.dimension, f.value, -f.alerts, -f.seconds
                  from removed o cross join lateral summary_facts(o) f) d
         group by 1, 2, 3
        having sum(alerts) <> 0 or sum(seconds) <> 0;
    end if;
    return null;
end
$$;

create trigger summary_count_insert after insert on alert
    referencing new table as added for each statement execute function summary_count_alerts();
create trigger summary_count_update after update on alert
    referencing old table as removed new table as added for each statement execute function summary_count_alerts();
create trigger summary_count_delete after delete on alert
    referencing old table as removed for each statement execute function summary_count_alerts();

-- The alerts already stored.
insert into summary_count (hour, dimension, value, alerts, seconds, merged)
select date_trunc('hour', a.received_at, 'UTC'), f.dimension, f.value, sum(f.alerts), sum(f.seconds), true
  from alert a cross join lateral summary_facts(a) f
 group by 1, 2, 3;

-- The ten notable alerts of a long period: read in risk order, stopping at the tenth in the period, instead
-- of sorting every alert of it.
create index alert_notable_idx on alert (risk_score desc nulls last, (queue = 'priority') desc, received_at desc, id)
    where kind = 'ALERT';
