package dev.poolstarter.sample.listing;

import java.util.List;

/**
 * One page of listings, newest first.
 *
 * @param items the listings on this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param total how many listings match in all
 * @author pool-starter
 */
public record ListingPage(List<Listing> items, int page, int size, long total) {

}
