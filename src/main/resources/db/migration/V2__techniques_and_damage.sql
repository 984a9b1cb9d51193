-- Triage now attaches ATT&CK techniques (with source and confidence) and the damage score they carry.
alter table alert
    add column damage_score integer,
    add column techniques   jsonb not null default '[]'::jsonb;

-- "Alerts with technique T1003 (or a sub-technique of it)" looks up ids inside the array.
create index alert_techniques_idx on alert using gin (techniques jsonb_path_ops);
