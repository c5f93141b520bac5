package dev.poolstarter.sample.listing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Listings: PostgreSQL is the record, Redis caches reads by id, and every write is
 * announced on Kafka.
 *
 * @author pool-starter
 */
@Service
public class ListingService {

	static final String CACHE = "listings";

	private static final Duration MAX_DELAY = Duration.ofSeconds(2);

	private final ListingRepository repository;

	private final ListingEvents events;

	ListingService(ListingRepository repository, ListingEvents events) {
		this.repository = repository;
		this.events = events;
	}

	public Listing create(ListingRequest request) {
		Listing listing = this.repository.insert(request.validated());
		this.events.publish(ListingEvent.of(ListingEvent.Type.CREATED, listing));
		return listing;
	}

	// a miss is not cached, so a listing created later is found at once
	@Cacheable(cacheNames = CACHE, key = "#id", unless = "#result == null")
	public Optional<Listing> find(long id) {
		return this.repository.find(id);
	}

	@CachePut(cacheNames = CACHE, key = "#id", unless = "#result == null")
	public Optional<Listing> update(long id, ListingRequest request) {
		Optional<Listing> listing = this.repository.update(id, request.validated());
		listing.ifPresent((updated) -> this.events.publish(ListingEvent.of(ListingEvent.Type.UPDATED, updated)));
		return listing;
	}

	@CacheEvict(cacheNames = CACHE, key = "#id")
	public boolean delete(long id) {
		Optional<Listing> listing = this.repository.delete(id);
		listing.ifPresent((deleted) -> this.events.publish(ListingEvent.of(ListingEvent.Type.DELETED, deleted)));
		return listing.isPresent();
	}

	/**
	 * Listings per city. The optional delay is spent inside the same transaction, on the
	 * same connection, as a slow report would: it is how the load script holds connections
	 * long enough to make the pool wait.
	 */
	@Transactional(readOnly = true)
	public List<CityStatistics> cities(Duration delay) {
		if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
			throw new IllegalArgumentException("delay must be 0 to " + MAX_DELAY.toMillis() + " ms");
		}
		return this.repository.cities(delay);
	}

	public ListingPage page(@Nullable String city, int page, int size) {
		if (page < 0 || size < 1 || size > 100) {
			throw new IllegalArgumentException("page must be 0 or more and size 1 to 100");
		}
		return this.repository.page(city, page, size);
	}

}
