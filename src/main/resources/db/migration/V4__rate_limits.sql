-- Token buckets of the rate limiter (Bucket4j, PostgreSQL advisory-lock proxy manager), shared by every
-- Vigil instance. id: '<policy>|<caller>', e.g. 'analyst|key:<uuid>' or 'anonymous|ip:203.0.113.7'.
-- state: Bucket4j's serialized bucket. expires_at: epoch milliseconds after which the bucket is full again
-- and the row can go; a periodic task deletes such rows. explicit_lock: the row's advisory-lock id, so the
-- sweeper skips rows an instance is updating at that moment.
create table rate_limit_bucket (
    id            text primary key,
    state         bytea not null,
    expires_at    bigint,
    explicit_lock bigint
);

create index rate_limit_bucket_expires_at on rate_limit_bucket (expires_at);
