package dev.poolstarter.sample.listing;

/**
 * The body of a create or an update.
 *
 * @param title what is offered, 1 to 200 characters
 * @param city where, 1 to 100 characters
 * @param priceCents the price in cents, not negative
 * @author pool-starter
 */
public record ListingRequest(String title, String city, long priceCents) {

	ListingRequest validated() {
		require(this.title != null && !this.title.isBlank() && this.title.length() <= 200,
				"title must have 1 to 200 characters");
		require(this.city != null && !this.city.isBlank() && this.city.length() <= 100,
				"city must have 1 to 100 characters");
		require(this.priceCents >= 0, "priceCents must not be negative");
		return this;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
