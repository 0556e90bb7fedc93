-- what became of each delivery, for the status page: the run it queued, and how that run ended
alter table deliveries add column task_instance varchar(400);
alter table queued_runs add column outcome varchar(40);
alter table queued_runs add column detail varchar(2000);
alter table queued_runs add column finished_at timestamp with time zone
