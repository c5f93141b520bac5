/**
 * A listings directory: CRUD over PostgreSQL with pagination, reads cached in Redis, and an
 * event on Kafka for every write, recorded by a listener.
 */
@NullMarked
package dev.poolstarter.sample.listing;

import org.jspecify.annotations.NullMarked;
