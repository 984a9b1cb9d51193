-- The tamper-evident audit log. Each row's hash covers the previous row's hash and every other column
-- (see dev.vigil.access.audit.ChainHash), so an edited, deleted or reordered row breaks the chain.
-- seq is assigned by the writer under an advisory lock, not by a sequence: sequences leave gaps on
-- rollback, and a gap must mean a deleted row.
create table audit_log (
    seq        bigint      primary key,
    id         uuid        not null unique,
    at         timestamptz not null,
    actor      text        not null,
    action     text        not null,
    target     text,
    outcome    text        not null,
    ip         text,
    user_agent text,
    details    jsonb       not null,
    prev_hash  bytea       not null,
    hash       bytea       not null
);

create index audit_log_at on audit_log (at);
create index audit_log_actor on audit_log (actor, seq);
create index audit_log_action on audit_log (action, seq);

-- Where verification starts once retention has deleted the oldest rows: the seq and hash of the last
-- row deleted. The first remaining row must follow it.
create table audit_anchor (
    seq        bigint      primary key,
    hash       bytea       not null,
    row_at     timestamptz not null,
    pruned_at  timestamptz not null,
    rows_pruned bigint     not null
);

-- Append-only: no UPDATE ever; DELETE only from the retention job, which sets vigil.audit_prune = 'on' for
-- its own transaction. A table owner can still disable the trigger, which is what verification is for.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and coalesce(current_setting('vigil.audit_prune', true), '') = 'on' then
        return old;
    end if;
    raise exception 'the audit log is append-only: % refused', tg_op using errcode = '42501';
end
$$;

create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only();

create function audit_log_no_truncate() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only: TRUNCATE refused' using errcode = '42501';
end
$$;

create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_no_truncate();

create function audit_anchor_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit anchors are append-only: % refused', tg_op using errcode = '42501';
end
$$;

create trigger audit_anchor_append_only before update or delete on audit_anchor
    for each row execute function audit_anchor_append_only();
