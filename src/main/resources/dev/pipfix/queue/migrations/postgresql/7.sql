-- the comment a dry run would have posted, for the status page
alter table queued_runs add column dry_run_comment text
