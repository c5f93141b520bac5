-- The benchmark's transaction for pgbench, the same SQL as the JDBC clients run
-- (dev.poolstarter.bench.Workload). bench/run.sh passes -D rows=... -D hold=... (seconds).
\set id random(1, :rows)
\set delta random(-5000, 5000)
BEGIN;
SELECT balance FROM bench_accounts WHERE id = :id;
UPDATE bench_accounts SET balance = balance + :delta WHERE id = :id;
SELECT pg_sleep(:hold);
COMMIT;
