-- Alerts a source sends again when it changes them (Defender/Graph alerts polled by lastUpdateDateTime) are
-- revised in place, found by source, tenant and the source's own id, rather than stored twice.
-- source_updated_at: the source's own time of the version stored, so an older version never overwrites a
-- newer one; revision counts the revisions applied and revised_at says when the last one was.
alter table alert add column source_updated_at timestamptz;
alter table alert add column revision integer not null default 0;
alter table alert add column revised_at timestamptz;

create index alert_native_id_idx on alert (source, native_id) where native_id is not null;

-- One row per Defender tenant whose alerts Vigil polls. The watermark is the greatest lastUpdateDateTime
-- fully stored, kept as Graph wrote it (text: Graph has 100 ns precision, timestamptz 1 µs); ids_at_watermark
-- are the alerts stored at exactly that instant, so the next "ge watermark" query does not import them
-- again. The lease keeps polling of a tenant to one instance at a time.
create table defender_alert_watermark (
    tenant             text        primary key,
    watermark          text        not null,
    ids_at_watermark   text[]      not null default '{}',
    leased_by          text,
    lease_until        timestamptz,
    last_polled_at     timestamptz,
    -- The last polling failure (Graph unreachable, a malformed page); cleared by the next good poll.
    last_error         text,
    last_error_at      timestamptz,
    -- Running totals: alerts new to Vigil, newer versions applied, records the parser refused (skipped).
    imported           bigint      not null default 0,
    revised            bigint      not null default 0,
    rejected           bigint      not null default 0
);
