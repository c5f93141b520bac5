package dev.poolstarter.sample.listing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Listings in PostgreSQL, through the starter's pool.
 *
 * @author pool-starter
 */
@Repository
class ListingRepository {

	private static final String COLUMNS = "id, title, city, price_cents, updated_at";

	private final JdbcClient jdbc;

	ListingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Listing insert(ListingRequest request) {
		return this.jdbc
			.sql("INSERT INTO listing (title, city, price_cents) VALUES (:title, :city, :price) RETURNING " + COLUMNS)
			.param("title", request.title())
			.param("city", request.city())
			.param("price", request.priceCents())
			.query(ListingRepository::listing)
			.single();
	}

	Optional<Listing> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM listing WHERE id = :id")
			.param("id", id)
			.query(ListingRepository::listing)
			.optional();
	}

	Optional<Listing> update(long id, ListingRequest request) {
		return this.jdbc
			.sql("UPDATE listing SET title = :title, city = :city, price_cents = :price, updated_at = now() "
					+ "WHERE id = :id RETURNING " + COLUMNS)
			.param("id", id)
			.param("title", request.title())
			.param("city", request.city())
			.param("price", request.priceCents())
			.query(ListingRepository::listing)
			.optional();
	}

	Optional<Listing> delete(long id) {
		return this.jdbc.sql("DELETE FROM listing WHERE id = :id RETURNING " + COLUMNS)
			.param("id", id)
			.query(ListingRepository::listing)
			.optional();
	}

	ListingPage page(@Nullable String city, int page, int size) {
		// keyset pagination would scale further; offset keeps the sample's API obvious
		List<Listing> items = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM listing WHERE (CAST(:city AS text) IS NULL OR city = :city) "
					+ "ORDER BY id DESC LIMIT :size OFFSET :offset")
			.param("city", city)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(ListingRepository::listing)
			.list();
		long total = this.jdbc.sql("SELECT count(*) FROM listing WHERE (CAST(:city AS text) IS NULL OR city = :city)")
			.param("city", city)
			.query(Long.class)
			.single();
		return new ListingPage(items, page, size, total);
	}

	List<CityStatistics> cities(Duration delay) {
		if (!delay.isZero()) {
			this.jdbc.sql("SELECT pg_sleep(:seconds)").param("seconds", delay.toMillis() / 1000.0).query().singleRow();
		}
		return this.jdbc
			.sql("SELECT city, count(*) AS listings, avg(price_cents)::bigint AS average_price_cents FROM listing "
					+ "GROUP BY city ORDER BY listings DESC, city LIMIT 10")
			.query((rs, row) -> new CityStatistics(rs.getString("city"), rs.getLong("listings"),
					rs.getLong("average_price_cents")))
			.list();
	}

	void recordEvent(ListingEvent event) {
		this.jdbc
			.sql("INSERT INTO listing_event (id, type, listing_id, title) VALUES (:id, :type, :listing, :title) "
					+ "ON CONFLICT (id) DO NOTHING")
			.param("id", event.id())
			.param("type", event.type().name())
			.param("listing", event.listingId())
			.param("title", event.title())
			.update();
	}

	List<ConsumedEvent> events(long listingId) {
		return this.jdbc
			.sql("SELECT id, type, listing_id, title, consumed_at FROM listing_event WHERE listing_id = :listing "
					+ "ORDER BY consumed_at")
			.param("listing", listingId)
			.query((rs, row) -> new ConsumedEvent(rs.getObject("id", UUID.class),
					ListingEvent.Type.valueOf(rs.getString("type")), rs.getLong("listing_id"), rs.getString("title"),
					rs.getTimestamp("consumed_at").toInstant()))
			.list();
	}

	private static Listing listing(ResultSet rs, int row) throws SQLException {
		return new Listing(rs.getLong("id"), rs.getString("title"), rs.getString("city"), rs.getLong("price_cents"),
				rs.getTimestamp("updated_at").toInstant());
	}

}
