-- a run's task data is about 500 bytes of JSON. As a BLOB, H2 kept each in its separate LOB store (anything over 256
-- bytes), which cost the webhook's writer a LOB created, copied and later cleaned up per delivery. Stored inline now
alter table scheduled_tasks alter column task_data set data type varbinary(1000000)
