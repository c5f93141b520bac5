package dev.poolstarter.sample.listing;

/**
 * How many listings a city has, and their average price.
 *
 * @param city the city
 * @param listings how many listings
 * @param averagePriceCents their average price in cents
 * @author pool-starter
 */
public record CityStatistics(String city, long listings, long averagePriceCents) {

}
