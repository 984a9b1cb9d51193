-- Triage now attaches ATT&CK techniques (with source and confidence) and the damage score they carry.
alter table alert
    add column damage_score integer,
    add column techniques   jsonb not null default '[]'::jsonb;

-- Which alerts carry which technique, for "alerts with T1003 (or a sub-technique of it)". A side table
-- costs only alerts that have techniques; a GIN index on alert.techniques cost every triage update
-- (about 20% of single-alert ingest throughput, measured with bench/ingest.sh).
create table alert_technique (
    alert_id     uuid not null references alert (id),
    technique_id text not null,
    parent_id    text not null,
    primary key (alert_id, technique_id)
);

create index alert_technique_id_idx on alert_technique (technique_id, alert_id);
create index alert_technique_parent_idx on alert_technique (parent_id, alert_id);
