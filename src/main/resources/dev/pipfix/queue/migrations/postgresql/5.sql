-- retention deletes by age, and these indexes keep that a range scan rather than a full one
create index queued_runs_queued_at_idx on queued_runs (queued_at);
create index failed_tasks_failed_at_idx on failed_tasks (failed_at)
