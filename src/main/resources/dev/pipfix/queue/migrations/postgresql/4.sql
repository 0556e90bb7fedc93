-- every run attempt ever queued: a later delivery about a run already done is a duplicate, not new work
create table queued_runs (
  task_instance varchar(400) not null primary key,
  queued_at timestamp with time zone not null
);
