-- The daily summary's mean time to acknowledge needs to know when an alert was acknowledged; nothing
-- recorded it before. Whatever moves an alert to ACKNOWLEDGED (the Slack button, a status endpoint) sets
-- it once. Nullable without a default: adding it rewrites no rows.
alter table alert add column acknowledged_at timestamptz;

-- The summary's queries all select one period's alerts by received_at (alert_received_at_idx, V1).
