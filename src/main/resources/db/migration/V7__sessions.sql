-- Dashboard sessions. The cookie carries 256 random bits; only their SHA-256 is stored, so a copy of this
-- table (a backup, a replica) signs nobody in.
create table user_session (
    token_hash   bytea       primary key check (length(token_hash) = 32),
    user_id      uuid        not null references vigil_user (id) on delete cascade,
    -- Sent back by the dashboard on every state-changing request; worthless without the cookie.
    csrf_token   text        not null,
    created_at   timestamptz not null,
    last_seen_at timestamptz not null,
    ip           text,
    user_agent   text
);
create index user_session_user on user_session (user_id);
create index user_session_last_seen on user_session (last_seen_at);
