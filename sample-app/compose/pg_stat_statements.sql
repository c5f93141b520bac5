-- run by the postgres image on the first start of an empty data directory
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
