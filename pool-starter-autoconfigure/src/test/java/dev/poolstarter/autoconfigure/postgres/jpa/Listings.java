package dev.poolstarter.autoconfigure.postgres.jpa;

import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A service over {@link ListingRepository} and the {@link EntityManager}, the way an
 * application marks its reads {@code @Transactional(readOnly = true)}.
 */
public class Listings {

	private final ListingRepository repository;

	private final EntityManager entityManager;

	public Listings(ListingRepository repository, EntityManager entityManager) {
		this.repository = repository;
		this.entityManager = entityManager;
	}

	@Transactional(readOnly = true)
	public boolean inRecoveryReadOnly() {
		return inRecovery();
	}

	@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
	public boolean inRecoveryReadOnlySupports() {
		return inRecovery();
	}

	@Transactional
	public boolean inRecoveryReadWrite() {
		return inRecovery();
	}

	@Transactional(readOnly = true)
	public Optional<Listing> find(long id) {
		return this.repository.findById(id);
	}

	@Transactional
	public long add(String title) {
		return this.repository.save(new Listing(title)).getId();
	}

	@Transactional(readOnly = true)
	public String readOnlyWithoutStatement() {
		return "no statement";
	}

	@Transactional
	public String readWriteWithoutStatement() {
		return "no statement";
	}

	private boolean inRecovery() {
		return (Boolean) this.entityManager.createNativeQuery("SELECT pg_is_in_recovery()").getSingleResult();
	}

}
