package dev.poolstarter.autoconfigure.postgres.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Formula;

/**
 * An entity that says which server it was read from: {@code readOnReplica} is computed
 * by the server in the same statement that loads the row.
 */
@Entity
@Table(name = "pool_jpa_listing")
public class Listing {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String title;

	@Formula("pg_is_in_recovery()")
	private boolean readOnReplica;

	protected Listing() {
	}

	public Listing(String title) {
		this.title = title;
	}

	public Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

	public boolean isReadOnReplica() {
		return this.readOnReplica;
	}

}
