-- work that gave up after its last try, with why, instead of vanishing
create table failed_tasks (
  task_instance varchar(400) not null primary key,
  failed_at timestamp with time zone not null,
  attempts int not null,
  reason varchar(2000) not null
);
