-- Users (dashboard logins and the owners of API keys) and keys bound to a user, with expiry and scopes.
create table vigil_user (
    id            uuid primary key,
    name          text        not null unique,      -- login name, lower case
    display_name  text,
    email         text,
    role          text        not null check (role in ('analyst', 'engineer', 'admin')),
    -- Spring Security's delegating format ("{bcrypt}$2a$12$..."); null: no local password (OIDC or keys only)
    password_hash text,
    oidc_subject  text unique,                      -- issuer-qualified subject of an OpenID Connect login
    failed_logins integer     not null default 0,
    locked_until  timestamptz,
    created_at    timestamptz not null,
    disabled_at   timestamptz
);

alter table api_key add column user_id uuid references vigil_user (id);
alter table api_key add column expires_at timestamptz;
-- Empty: everything the key's role allows; otherwise only these scopes (e.g. {ingest} for a sensor key).
alter table api_key add column scopes text[] not null default '{}';
create index api_key_user on api_key (user_id);
