-- Who works an alert: a Vigil user name set by PATCH /api/v1/alerts/{id} or the Slack "Assign to me"
-- button. Free text rather than a reference: an alert keeps its history when its assignee is removed.
alter table alert add column assignee text;

-- Slack users linked to Vigil users (vigil users link), so a click on a Slack button acts as that user
-- with that user's current role. A user removed removes their links.
create table slack_user_link (
    slack_user_id text primary key,            -- Slack's id, e.g. U0123ABCDEF (upper case)
    user_id       uuid        not null references vigil_user (id) on delete cascade,
    linked_at     timestamptz not null
);

create index slack_user_link_user on slack_user_link (user_id);
