package dev.poolstarter.autoconfigure.profile;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PoolSelection} and the precedence of the settings layers.
 */
class PoolSelectionTests {

	private final PoolProperties properties = new PoolProperties();

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void profileDefaultsToDevWhenNothingMatches() {
		this.environment.setActiveProfiles("local", "cloud");
		PoolSelection selection = select();
		assertThat(selection.tier()).isEqualTo(PoolTier.DEV);
		assertThat(selection.tierOrigin()).startsWith("default");
	}

	@Test
	void profileFollowsTheLastMatchingSpringProfile() {
		this.environment.setActiveProfiles("staging", "cloud", "production");
		PoolSelection selection = select();
		assertThat(selection.tier()).isEqualTo(PoolTier.PROD);
		assertThat(selection.tierOrigin()).isEqualTo("active Spring profile 'production'");
	}

	@Test
	void explicitProfileWinsOverSpringProfiles() {
		this.environment.setActiveProfiles("prod");
		this.properties.setProfile("serverless");
		assertThat(select().tier()).isEqualTo(PoolTier.SERVERLESS);
	}

	@Test
	void unknownProfileIsRejectedWithTheValidNames() {
		this.properties.setProfile("production-ish");
		assertThatExceptionOfType(UnknownPoolNameException.class).isThrownBy(this::select).satisfies((ex) -> {
			assertThat(ex.getProperty()).isEqualTo("pool.profile");
			assertThat(ex.getKnownNames()).containsExactly("dev", "staging", "prod", "prod-high-traffic",
					"serverless");
		});
	}

	@Test
	void unknownProfileTableOverrideIsRejected() {
		this.properties.getProfiles().put("qa", new ClientSettings());
		assertThatExceptionOfType(UnknownPoolNameException.class).isThrownBy(this::select)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("pool.profiles.qa"));
	}

	@Test
	void profileTableOverridesUseTheProfilesOwnNames() {
		this.properties.getProfiles().put("production", new ClientSettings());
		assertThatExceptionOfType(UnknownPoolNameException.class).isThrownBy(this::select)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("pool.profiles.production"));
	}

	@Test
	void serviceDefaultsToApplicationName() {
		this.environment.setProperty("spring.application.name", "wallet-service");
		PoolSelection selection = select();
		assertThat(selection.service()).isEqualTo("wallet-service");
		assertThat(selection.serviceOrigin()).isEqualTo("spring.application.name");
	}

	@Test
	void explicitServiceMissingFromTheServicesIsRejected() {
		this.properties.getServices().put("wallet-service", new ClientSettings());
		this.properties.getServices().put("ranking-service", new ClientSettings());
		this.properties.setService("walet-service");
		assertThatExceptionOfType(UnknownPoolNameException.class).isThrownBy(this::select)
			.satisfies((ex) -> assertThat(ex.getKnownNames()).containsExactly("wallet-service", "ranking-service"));
	}

	@Test
	void instanceIdDefaultsToHostAndProcess() {
		assertThat(select().instanceId()).endsWith("-" + ProcessHandle.current().pid());
	}

	@Test
	void explicitPropertyWinsOverServiceEntryOverProfileTableOverBuiltIn() {
		this.properties.setProfile("prod");
		this.environment.setProperty("spring.application.name", "wallet-service");
		ClientSettings service = new ClientSettings();
		service.getPostgres().setMaxConnections(PoolSize.of(200));
		service.getPostgres().setPoolTimeout(Duration.ofSeconds(200));
		this.properties.getServices().put("wallet-service", service);
		ClientSettings table = new ClientSettings();
		table.getPostgres().setMaxConnections(PoolSize.of(3000));
		table.getPostgres().setPoolTimeout(Duration.ofSeconds(3000));
		table.getPostgres().setConnectTimeout(Duration.ofSeconds(3000));
		this.properties.getProfiles().put("prod", table);
		this.properties.getPostgres().setMaxConnections(PoolSize.of(10));
		ResolvedClientSettings<PostgresPoolSettings> settings = resolve(select());
		assertThat(settings.get(PostgresSetting.MAX_CONNECTIONS))
			.isEqualTo(new Resolved<>(PoolSize.of(10), "pool.postgres.max-connections"));
		assertThat(settings.get(PostgresSetting.POOL_TIMEOUT)).isEqualTo(
				new Resolved<>(Duration.ofSeconds(200), "pool.services.wallet-service.postgres.pool-timeout"));
		assertThat(settings.get(PostgresSetting.CONNECT_TIMEOUT))
			.isEqualTo(new Resolved<>(Duration.ofSeconds(3000), "pool.profiles.prod.postgres.connect-timeout"));
		assertThat(settings.get(PostgresSetting.STATEMENT_TIMEOUT))
			.isEqualTo(new Resolved<>(Duration.ofSeconds(30), "profile prod"));
		assertThat(settings.get(PostgresSetting.MAX_LIFETIME))
			.isEqualTo(new Resolved<>(Duration.ofMinutes(30), "HikariCP default"));
		assertThat(settings.get(PostgresSetting.LOCK_TIMEOUT)).isEqualTo(Resolved.unset());
	}

	@Test
	void builtInTablesFollowTheSeeds() {
		assertThat(BuiltInProfiles.postgres(PoolTier.DEV).getMaxConnections()).isEqualTo(PoolSize.of(5));
		assertThat(BuiltInProfiles.postgres(PoolTier.STAGING).getMaxConnections()).isEqualTo(PoolSize.of(10));
		assertThat(BuiltInProfiles.postgres(PoolTier.PROD).getMaxConnections()).isEqualTo(PoolSize.of(15));
		assertThat(BuiltInProfiles.postgres(PoolTier.PROD_HIGH_TRAFFIC).getMaxConnections()).isEqualTo(PoolSize.AUTO);
		assertThat(BuiltInProfiles.postgres(PoolTier.PROD_HIGH_TRAFFIC).getMaxConnectionsCap()).isEqualTo(30);
		assertThat(BuiltInProfiles.postgres(PoolTier.SERVERLESS).getMaxConnections()).isEqualTo(PoolSize.of(1));
		for (PoolTier tier : PoolTier.values()) {
			PostgresPoolSettings settings = BuiltInProfiles.postgres(tier);
			assertThat(settings.getPoolTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(settings.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(settings.getBudgetCheck()).isEqualTo(tier.isProduction() ? BudgetCheck.FAIL : BudgetCheck.WARN);
		}
	}

	@Test
	void poolSizeParsesAutoAndNumbers() {
		assertThat(PoolSize.valueOf("AUTO").isAuto()).isTrue();
		assertThat(PoolSize.valueOf(" 12 ")).isEqualTo(PoolSize.of(12));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> PoolSize.valueOf("twelve"));
	}

	private PoolSelection select() {
		return PoolSelection.select(this.properties, this.environment);
	}

	private static ResolvedClientSettings<PostgresPoolSettings> resolve(PoolSelection selection) {
		return ResolvedClientSettings.resolve(PostgresSetting.ALL, List.of(selection.explicitPostgresLayer(),
				selection.servicePostgresLayer(), selection.profileOverridePostgresLayer(),
				selection.builtInPostgresLayer(), selection.libraryDefaultsLayer()));
	}

}
