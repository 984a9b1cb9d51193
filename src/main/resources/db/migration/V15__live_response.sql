-- Defender live-response sessions Vigil started (external-apis §2.5), keyed by Vigil's own id: the row is
-- written before Defender is asked ('Starting'), so the per-tenant limit and the one-per-machine rule are
-- checked and held in one transaction. A session counts as open until ended_at is set, which happens only
-- after its results were fetched and kept.
create table live_response_session (
    id             uuid        primary key,
    tenant         text        not null,
    machine_id     text        not null,
    -- Defender's MachineAction id; null until Defender accepted the session.
    action_id      text        unique,
    requested_by   text        not null,
    comment        text        not null,
    -- The commands as sent to Defender ({"type", "params": [{"key", "value"}]}).
    commands       jsonb       not null,
    status         text        not null check (status in
                       ('Starting', 'Pending', 'InProgress', 'Succeeded', 'Failed', 'TimeOut', 'Cancelled',
                        'Refused')),
    -- Why Defender refused the session or why polling it failed last.
    error          text,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    last_polled_at timestamptz,
    ended_at       timestamptz
);

-- One open session per device: Defender's own rule, held by the database too.
create unique index live_response_one_per_machine on live_response_session (tenant, machine_id)
    where ended_at is null;
create index live_response_open_idx on live_response_session (tenant) where ended_at is null;

-- Each command of a session, with what Defender reported and the result Vigil kept. A RunScript result is
-- Defender's JSON (exit code, output, errors); a GetFile result is the file's bytes, kept here (bytea) so that
-- they are backed up, shared by every instance and removed with their session.
create table live_response_command (
    session_id    uuid        not null references live_response_session (id) on delete cascade,
    command_index int         not null,
    type          text        not null check (type in ('PutFile', 'RunScript', 'GetFile')),
    -- The library file (PutFile), the library script (RunScript) or the device path (GetFile).
    target        text        not null,
    args          text,
    status        text        not null check (status in ('Created', 'Completed', 'Failed')),
    errors        jsonb       not null default '[]',
    started_at    timestamptz,
    ended_at      timestamptz,
    exit_code     int,
    script_output text,
    script_errors text,
    file_content  bytea,
    file_size     bigint,
    file_sha256   text,
    -- The result could not be fetched (never a download link: its query string is a secret).
    result_error  text,
    primary key (session_id, command_index)
);
