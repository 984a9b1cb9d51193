-- Retention sweeps delete the oldest ended live-response sessions and the oldest hunting runs in small batches,
-- every round: these indexes let each batch find its rows without reading the whole table.
create index live_response_ended_idx on live_response_session (ended_at) where ended_at is not null;
create index hunting_run_finished_idx on hunting_run (finished_at);
