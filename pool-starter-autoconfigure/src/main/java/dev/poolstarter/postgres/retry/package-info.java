/**
 * Reads that run once more on a fresh connection when the connection failed under them:
 * read-only transactions and queries outside a transaction.
 */
@NullMarked
package dev.poolstarter.postgres.retry;

import org.jspecify.annotations.NullMarked;
