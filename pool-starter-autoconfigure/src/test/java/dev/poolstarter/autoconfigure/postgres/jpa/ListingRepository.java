package dev.poolstarter.autoconfigure.postgres.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * A Spring Data JPA repository of {@link Listing}s; its inherited finders run in
 * read-only transactions, its {@code save} in a read-write one.
 */
public interface ListingRepository extends JpaRepository<Listing, Long> {

}
