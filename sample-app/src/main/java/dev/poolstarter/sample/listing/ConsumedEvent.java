package dev.poolstarter.sample.listing;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as the listener recorded it.
 *
 * @param id the event's id
 * @param type the kind of write
 * @param listingId the listing written
 * @param title its title at the time
 * @param consumedAt when the listener recorded it
 * @author pool-starter
 */
public record ConsumedEvent(UUID id, ListingEvent.Type type, long listingId, String title, Instant consumedAt) {

}
