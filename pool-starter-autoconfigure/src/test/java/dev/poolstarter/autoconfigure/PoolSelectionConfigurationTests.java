package dev.poolstarter.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.poolstarter.postgres.settings.BudgetCheckMode;
import dev.poolstarter.postgres.settings.PoolSize;
import dev.poolstarter.postgres.settings.PostgresProfiles;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.BuiltInProfile;
import dev.poolstarter.settings.ProfileSelection;
import dev.poolstarter.settings.PropertyLayers;
import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.ResolvedSettings;
import dev.poolstarter.settings.UnknownSelectionException;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PoolSelectionConfiguration}: the selection of profile, service and
 * instance, and the precedence of the settings layers.
 */
class PoolSelectionConfigurationTests {

	private final PoolProperties properties = new PoolProperties();

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void profileDefaultsToDevWhenNothingMatches() {
		this.environment.setActiveProfiles("local", "cloud");
		ProfileSelection selection = select();
		assertThat(selection.profile()).isEqualTo(BuiltInProfile.DEV);
		assertThat(selection.profileOrigin()).startsWith("default");
	}

	@Test
	void profileFollowsTheLastMatchingSpringProfile() {
		this.environment.setActiveProfiles("staging", "cloud", "production");
		ProfileSelection selection = select();
		assertThat(selection.profile()).isEqualTo(BuiltInProfile.PROD);
		assertThat(selection.profileOrigin()).isEqualTo("active Spring profile 'production'");
	}

	@Test
	void explicitProfileWinsOverSpringProfiles() {
		this.environment.setActiveProfiles("prod");
		this.properties.setProfile("serverless");
		assertThat(select().profile()).isEqualTo(BuiltInProfile.SERVERLESS);
	}

	@Test
	void unknownProfileIsRejectedWithTheValidNames() {
		this.properties.setProfile("production-ish");
		assertThatExceptionOfType(UnknownSelectionException.class).isThrownBy(this::select).satisfies((ex) -> {
			assertThat(ex.getProperty()).isEqualTo("pool.profile");
			assertThat(ex.getKnownNames()).containsExactly("dev", "staging", "prod", "prod-high-traffic",
					"serverless");
		});
	}

	@Test
	void unknownProfileTableOverrideIsRejected() {
		this.properties.getProfiles().put("qa", new LayerProperties());
		assertThatExceptionOfType(UnknownSelectionException.class).isThrownBy(this::select)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("pool.profiles.qa"));
	}

	@Test
	void profileTableOverridesUseTheProfilesOwnNames() {
		this.properties.getProfiles().put("production", new LayerProperties());
		assertThatExceptionOfType(UnknownSelectionException.class).isThrownBy(this::select)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("pool.profiles.production"));
	}

	@Test
	void serviceDefaultsToApplicationName() {
		this.environment.setProperty("spring.application.name", "wallet-service");
		ProfileSelection selection = select();
		assertThat(selection.service()).isEqualTo("wallet-service");
		assertThat(selection.serviceOrigin()).isEqualTo("spring.application.name");
	}

	@Test
	void explicitServiceMissingFromTheServicesIsRejected() {
		this.properties.getServices().put("wallet-service", new LayerProperties());
		this.properties.getServices().put("ranking-service", new LayerProperties());
		this.properties.setService("walet-service");
		assertThatExceptionOfType(UnknownSelectionException.class).isThrownBy(this::select)
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
		LayerProperties service = new LayerProperties();
		service.getPostgres().setMaxConnections(PoolSize.of(200));
		service.getPostgres().setPoolTimeout(Duration.ofSeconds(200));
		this.properties.getServices().put("wallet-service", service);
		LayerProperties table = new LayerProperties();
		table.getPostgres().setMaxConnections(PoolSize.of(3000));
		table.getPostgres().setPoolTimeout(Duration.ofSeconds(3000));
		table.getPostgres().setConnectTimeout(Duration.ofSeconds(3000));
		this.properties.getProfiles().put("prod", table);
		this.properties.getPostgres().setMaxConnections(PoolSize.of(10));
		ResolvedSettings<PostgresSettings> settings = resolve(select());
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
		assertThat(PostgresProfiles.table(BuiltInProfile.DEV).getMaxConnections()).isEqualTo(PoolSize.of(5));
		assertThat(PostgresProfiles.table(BuiltInProfile.STAGING).getMaxConnections()).isEqualTo(PoolSize.of(10));
		assertThat(PostgresProfiles.table(BuiltInProfile.PROD).getMaxConnections()).isEqualTo(PoolSize.of(15));
		assertThat(PostgresProfiles.table(BuiltInProfile.PROD_HIGH_TRAFFIC).getMaxConnections()).isEqualTo(PoolSize.AUTO);
		assertThat(PostgresProfiles.table(BuiltInProfile.PROD_HIGH_TRAFFIC).getMaxConnectionsCap()).isEqualTo(30);
		assertThat(PostgresProfiles.table(BuiltInProfile.SERVERLESS).getMaxConnections()).isEqualTo(PoolSize.of(1));
		for (BuiltInProfile tier : BuiltInProfile.values()) {
			PostgresSettings settings = PostgresProfiles.table(tier);
			assertThat(settings.getPoolTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(settings.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(settings.getBudgetCheck()).isEqualTo(tier.isProduction() ? BudgetCheckMode.FAIL : BudgetCheckMode.WARN);
		}
	}

	@Test
	void poolSizeParsesAutoAndNumbers() {
		assertThat(PoolSize.valueOf("AUTO").isAuto()).isTrue();
		assertThat(PoolSize.valueOf(" 12 ")).isEqualTo(PoolSize.of(12));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> PoolSize.valueOf("twelve"));
	}

	private ProfileSelection select() {
		return new PoolSelectionConfiguration().poolProfileSelection(this.properties, this.environment);
	}

	private ResolvedSettings<PostgresSettings> resolve(ProfileSelection selection) {
		PropertyLayers<PostgresSettings> layers = new PoolSelectionConfiguration.Layers(this.properties, selection)
			.postgres();
		return ResolvedSettings.resolve(PostgresSetting.ALL, List.of(layers.explicit(), layers.service(),
				layers.profile(), PostgresProfiles.builtIn(selection.profile()), PostgresProfiles.libraryDefaults()));
	}

}
