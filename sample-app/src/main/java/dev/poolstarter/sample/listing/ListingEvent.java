package dev.poolstarter.sample.listing;

import java.util.UUID;

/**
 * What is published to Kafka for every write.
 *
 * @param id the event's id, so that a redelivered event is recorded once
 * @param type created, updated or deleted
 * @param listingId the listing written
 * @param title its title at the time
 * @author pool-starter
 */
public record ListingEvent(UUID id, Type type, long listingId, String title) {

	static final String TOPIC = "listing-events";

	static ListingEvent of(Type type, Listing listing) {
		return new ListingEvent(UUID.randomUUID(), type, listing.id(), listing.title());
	}

	/**
	 * The kind of write.
	 */
	public enum Type {

		CREATED, UPDATED, DELETED

	}

}
