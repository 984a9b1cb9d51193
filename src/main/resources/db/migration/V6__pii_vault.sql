-- The PII vault: token → value, the value encrypted with AES-256-GCM under a fresh 96-bit nonce per row and
-- the token as associated data, so a ciphertext moved to another row no longer decrypts.
create table pii_token (
    token       text primary key,            -- e.g. USER-7KQ3M2X4ZPBD9R1T
    kind        text        not null,        -- USER_NAME, EMAIL, HOST_NAME, INTERNAL_IP
    nonce       bytea       not null,
    ciphertext  bytea       not null,        -- includes the 128-bit GCM tag
    key_version integer     not null,
    created_at  timestamptz not null default now()
);
