-- one row per comment thread (a pull request's or a commit's comment of one workflow): workers take it in turn, so
-- runs finishing together write one comment. It remembers the comment's id and the last text's digest, and which run
-- wrote it, so that an older run finishing later does not overwrite a newer one
create table comment_threads (
  repository varchar(200) not null,
  thread varchar(100) not null,
  marker varchar(200) not null,
  comment_id bigint,
  body_sha256 varchar(64),
  run_id bigint not null,
  run_attempt bigint not null,
  updated_at timestamp with time zone not null,
  primary key (repository, thread, marker)
);
create index comment_threads_updated_at_idx on comment_threads (updated_at)
