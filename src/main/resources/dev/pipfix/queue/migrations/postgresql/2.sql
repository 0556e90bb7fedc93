-- every delivery pipfix accepted, by X-GitHub-Delivery: a redelivery is answered "duplicate" and does nothing
create table deliveries (
  delivery_id varchar(100) not null primary key,
  event varchar(100) not null,
  received_at timestamp with time zone not null,
  result varchar(40) not null
);
create index deliveries_received_at_idx on deliveries (received_at);
