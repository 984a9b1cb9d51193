-- Destructive Defender operations held for a second person's approval. The request is kept as it was asked
-- (re-run as-is once approved), with the preview the approver saw. A row moves once from pending to
-- approved (then executed or failed), rejected or expired; the conditional update that moves it is what makes
-- two approvers clicking at once run the operation only once.
create table defender_approval (
    id               uuid        primary key,
    tenant           text        not null,
    operation        text        not null,
    target           text        not null,
    request          jsonb       not null,
    preview          jsonb       not null,
    reason           text        not null,
    requested_by     text        not null,
    requester_person text        not null,
    requested_at     timestamptz not null,
    expires_at       timestamptz not null,
    status           text        not null check (status in
                         ('pending', 'approved', 'executed', 'failed', 'rejected', 'expired')),
    decided_by       text,
    decided_at       timestamptz,
    decision_comment text,
    result           jsonb,
    error            text
);

create index defender_approval_pending_idx on defender_approval (tenant, requested_at) where status = 'pending';
