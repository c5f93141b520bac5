package dev.poolstarter.postgres;

import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.poolstarter.postgres.settings.PostgresProfiles;
import dev.poolstarter.postgres.settings.PostgresSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the library defaults the starter shows as origins ("HikariCP default",
 * "pgjdbc default") equal the libraries' own, so that an upgrade that changes them fails
 * here instead of silently making the start-up table wrong.
 */
class HikariDefaultsTests {

	private final HikariConfig hikari = new HikariConfig();

	private final PGSimpleDataSource pgjdbc = new PGSimpleDataSource();

	private final PostgresSettings shown = PostgresProfiles.libraryDefaultSettings();

	@Test
	void hikariDefaultsMatch() {
		assertThat(this.shown.getMaxLifetime()).isEqualTo(Duration.ofMillis(this.hikari.getMaxLifetime()));
		assertThat(this.shown.getIdleTimeout()).isEqualTo(Duration.ofMillis(this.hikari.getIdleTimeout()));
		assertThat(this.shown.getKeepalive()).isEqualTo(Duration.ofMillis(this.hikari.getKeepaliveTime()));
		assertThat(this.shown.getValidationTimeout())
			.isEqualTo(Duration.ofMillis(this.hikari.getValidationTimeout()));
		assertThat(this.shown.getReadOnly()).isEqualTo(this.hikari.isReadOnly());
	}

	@Test
	void pgjdbcDefaultsMatch() {
		assertThat(this.shown.getStatementCacheSize()).isEqualTo(this.pgjdbc.getPreparedStatementCacheQueries());
		assertThat(this.shown.getSslMode().pgjdbcValue()).isEqualTo("prefer");
		assertThat(this.pgjdbc.getSslMode()).isIn(null, "prefer");
	}

}
