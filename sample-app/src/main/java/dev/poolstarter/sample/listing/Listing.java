package dev.poolstarter.sample.listing;

import java.io.Serializable;
import java.time.Instant;

/**
 * A listing as stored and as served; {@link Serializable} because the Redis cache keeps it.
 *
 * @param id the listing's id
 * @param title what is offered
 * @param city where
 * @param priceCents the price in cents
 * @param updatedAt when it was last written
 * @author pool-starter
 */
public record Listing(long id, String title, String city, long priceCents, Instant updatedAt) implements Serializable {

}
