/**
 * The pool benchmark behind {@code bench/run.sh}: a closed-loop transaction workload
 * through the starter's pool, Spring Boot's defaults, the seeds' settings and a sweep of
 * pool sizes, against pgbench on the same SQL.
 */
@NullMarked
package dev.poolstarter.bench;

import org.jspecify.annotations.NullMarked;
