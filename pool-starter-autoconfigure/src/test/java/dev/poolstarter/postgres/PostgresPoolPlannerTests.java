package dev.poolstarter.postgres;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.poolstarter.postgres.adaptive.AdaptiveRequest;
import dev.poolstarter.postgres.adaptive.SizingMode;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAddress;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAdmin;
import dev.poolstarter.postgres.server.FleetBudgetExceededException;
import dev.poolstarter.postgres.server.FleetCensus;
import dev.poolstarter.postgres.server.ServerFacts;
import dev.poolstarter.postgres.settings.PoolSize;
import dev.poolstarter.postgres.settings.PostgresConnection;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.BuiltInProfile;
import dev.poolstarter.settings.Layer;
import dev.poolstarter.settings.ProfileSelection;
import dev.poolstarter.settings.PropertyLayers;
import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.ResolvedSettings;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PostgresPoolPlanner} with probes that answer what each test says, so
 * that the planning logic runs without a server: where the connection comes from, how
 * the pool is sized and checked against the fleet budget, and what happens when the
 * server does not answer.
 */
class PostgresPoolPlannerTests {

	private static final ServerFacts SERVER = new ServerFacts(100, 3, Duration.ZERO, "15.20", "app", "orders",
			Map.of(), new FleetCensus(List.of("orders/b"), 4, 10));

	private final PostgresSettings explicit = new PostgresSettings();

	private final List<String> probedUrls = new ArrayList<>();

	private @Nullable ServerFacts answer = SERVER;

	@Test
	void aFixedSizeFromTheProfileIsCheckedAgainstTheFleetOfLiveInstances() {
		PostgresPoolPlan plan = plan(BuiltInProfile.PROD, request());
		assertThat(plan.maxConnections()).isEqualTo(15);
		assertThat(plan.autoSized()).isFalse();
		assertThat(plan.budget().instances()).as("this instance and orders/b, live on the server").isEqualTo(2);
		assertThat(plan.instancesOrigin()).startsWith("live in pg_stat_activity: ");
		assertThat(plan.budget().fits(15)).isTrue();
		assertThat(plan.adaptive()).isNull();
		assertThat(plan.initialSize()).isEqualTo(15);
	}

	@Test
	void autoSizesByTheFormulaSharedAmongTheInstancesAndSaysSo() {
		this.explicit.setMaxConnections(PoolSize.AUTO);
		PostgresPoolPlan plan = plan(BuiltInProfile.PROD, request((fleet) -> fleet.cores(8).instances(4)));
		assertThat(plan.autoSized()).isTrue();
		assertThat(plan.maxConnections()).as("(8 cores x 2) / 4 instances").isEqualTo(4);
		assertThat(plan.settings().get(PostgresSetting.MAX_CONNECTIONS).origin()).contains("(auto from ")
			.contains("pool.postgres.max-connections");
		assertThat(plan.instancesOrigin()).isEqualTo("pool.instances");
	}

	@Test
	void theLockingMinimumIsDecidedOnceAndKeptInThePlan() {
		this.explicit.setConnectionsPerTask(3);
		PostgresPoolPlan plan = plan(BuiltInProfile.PROD, request((fleet) -> fleet.taskThreads(4)));
		assertThat(plan.lockingMinimum()).as("4 threads x (3 - 1) + 1").isEqualTo(9);
	}

	@Test
	void aFleetOverBudgetStopsStartUpInProduction() {
		this.explicit.setMaxConnections(PoolSize.of(40));
		assertThatExceptionOfType(FleetBudgetExceededException.class)
			.isThrownBy(() -> plan(BuiltInProfile.PROD, request((fleet) -> fleet.instances(3))));
	}

	@Test
	void aFleetOverBudgetIsAWarningInDevelopment() {
		this.explicit.setMaxConnections(PoolSize.of(40));
		PostgresPoolPlan plan = plan(BuiltInProfile.DEV, request((fleet) -> fleet.instances(3)));
		assertThat(plan.warnings()).anyMatch((warning) -> warning.startsWith("Fleet over budget: 3 instance(s) x 40"));
	}

	@Test
	void aServerAwayAtStartUpStartsThePoolWithoutItAndSaysWhy() {
		this.answer = null;
		PostgresPoolPlan plan = plan(BuiltInProfile.DEV, request());
		assertThat(plan.server().isKnown()).isFalse();
		assertThat(plan.instancesOrigin()).isEqualTo("this instance alone: the server was away at start-up");
		assertThat(plan.warnings()).anyMatch((warning) -> warning.contains("starting without it"));
	}

	@Test
	void aServerAwayAtStartUpStopsStartUpWhenFailFastIsOn() {
		this.answer = null;
		assertThatExceptionOfType(DatabaseUnreachableException.class)
			.isThrownBy(() -> plan(BuiltInProfile.DEV, request((fleet) -> fleet.failFast(true))));
	}

	@Test
	void aServiceConnectionWinsOverDatabaseUrlAndTheExplicitUrl() {
		PostgresPoolRequest request = request((fleet) -> fleet
			.serviceConnection(new PostgresPoolRequest.Source("jdbc:postgresql://compose:5432/app", "svc", "s"))
			.databaseUrl("postgresql://env:pw@envhost:5432/app"));
		PostgresPoolPlan plan = plan(BuiltInProfile.DEV, request);
		assertThat(plan.connection().url().jdbcUrl()).isEqualTo("jdbc:postgresql://compose:5432/app");
		assertThat(plan.connection().username()).isEqualTo("svc");
		assertThat(plan.connection().usernameOrigin()).isEqualTo("service connection");
		assertThat(this.probedUrls).containsExactly("jdbc:postgresql://compose:5432/app");
	}

	@Test
	void adaptiveSizingIsPlannedOnceWithItsStartInThePlan() {
		PostgresPoolPlan plan = plan(BuiltInProfile.PROD,
				request((fleet) -> fleet.adaptive(adaptiveRequest(SizingMode.ADAPTIVE, 2))));
		assertThat(plan.adaptive()).isNotNull();
		assertThat(plan.initialSize()).isEqualTo(plan.adaptive().initialSize());
		assertThat(plan.adaptive().policy().minimum()).isEqualTo(2);
		assertThat(plan.adaptive().policy().maximum()).as("the explicit size bounds it").isEqualTo(15);
	}

	@Test
	void anAutoSizeIsAdaptiveByDefaultAndStartsFromTheFormula() {
		this.explicit.setMaxConnections(PoolSize.AUTO);
		this.answer = SERVER.withCensus(new FleetCensus(List.of(), 0, 10));
		PostgresPoolPlan plan = plan(BuiltInProfile.PROD, request((fleet) -> fleet.cores(2).instances(1)));
		assertThat(plan.adaptive()).isNotNull();
		assertThat(plan.maxConnections()).as("2 cores x 2").isEqualTo(4);
		assertThat(plan.initialSize()).isEqualTo(4);
		assertThat(plan.adaptive().policy().maximum()).as("no bound but the share").isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void fixedSizingKeepsTheFormulasSize() {
		this.explicit.setMaxConnections(PoolSize.AUTO);
		PostgresPoolPlan plan = plan(BuiltInProfile.PROD, request((fleet) -> fleet.cores(2).instances(1)
			.adaptive(adaptiveRequest(SizingMode.FIXED, 1))));
		assertThat(plan.adaptive()).isNull();
		assertThat(plan.initialSize()).isEqualTo(4);
	}

	@Test
	void theLogLineIsOffInDevAndServerlessAndEveryMinuteInTheOtherProfiles() {
		assertThat(plan(BuiltInProfile.DEV, request()).settings().get(PostgresSetting.LOG_INTERVAL))
			.isEqualTo(new Resolved<>(Duration.ZERO, "profile dev"));
		assertThat(plan(BuiltInProfile.SERVERLESS, request()).logInterval()).isZero();
		assertThat(plan(BuiltInProfile.STAGING, request()).logInterval()).hasMinutes(1);
		assertThat(plan(BuiltInProfile.PROD, request()).settings().get(PostgresSetting.LOG_INTERVAL))
			.isEqualTo(new Resolved<>(Duration.ofMinutes(1), "profile prod"));
		this.explicit.setMaxConnections(PoolSize.of(20));
		assertThat(plan(BuiltInProfile.PROD_HIGH_TRAFFIC, request()).logInterval()).hasMinutes(1);
	}

	@Test
	void anExplicitLogIntervalWinsOverTheProfile() {
		this.explicit.setLogInterval(Duration.ofSeconds(15));
		PostgresPoolPlan plan = plan(BuiltInProfile.DEV, request());
		assertThat(plan.settings().get(PostgresSetting.LOG_INTERVAL))
			.isEqualTo(new Resolved<>(Duration.ofSeconds(15), "pool.postgres.log-interval"));
		assertThat(PostgresStartupReport.render(plan)).containsPattern("log-interval +15s +pool.postgres.log-interval");
	}

	private static AdaptiveRequest adaptiveRequest(SizingMode mode, int minConnections) {
		return new AdaptiveRequest(mode, Duration.ofSeconds(1), minConnections, Duration.ofSeconds(20), 0.03, 0.8);
	}

	private PostgresPoolPlan plan(BuiltInProfile profile, PostgresPoolRequest request) {
		ProfileSelection selection = new ProfileSelection(profile, "test", "orders", "test", "a");
		PropertyLayers<PostgresSettings> layers = new PropertyLayers<>(
				Layer.properties("pool.postgres", this.explicit), Layer.named("none", new PostgresSettings()),
				Layer.named("none", new PostgresSettings()));
		return new PostgresPoolPlanner(selection, layers, request, new AnsweringProbes(),
				new DatabaseInitializers(new StaticListableBeanFactory(), new MockEnvironment(),
						new PathMatchingResourcePatternResolver()))
			.plan();
	}

	private static PostgresPoolRequest request() {
		return request((builder) -> {
		});
	}

	private static PostgresPoolRequest request(Consumer<RequestBuilder> change) {
		RequestBuilder builder = new RequestBuilder();
		change.accept(builder);
		return builder.build();
	}

	/**
	 * Probes that answer with the test's facts, or as a server that does not answer.
	 */
	private final class AnsweringProbes implements PostgresProbes {

		@Override
		public ServerFacts server(String poolName, PostgresConnection connection,
				ResolvedSettings<PostgresSettings> settings, boolean failFast, Duration startupTimeout,
				@Nullable String censusOf, List<String> warnings) {
			PostgresPoolPlannerTests.this.probedUrls.add(connection.url().jdbcUrl());
			ServerFacts facts = PostgresPoolPlannerTests.this.answer;
			if (facts == null) {
				throw new DatabaseUnreachableException(poolName, connection.url().displayUrl(), 3,
						Duration.ofSeconds(3), true, new SQLException("Connection refused", "08001",
								new ConnectException("Connection refused")));
			}
			return facts;
		}

		@Override
		public ReplicaFacts replica(PostgresConnection connection, ResolvedSettings<PostgresSettings> settings) {
			throw new UnsupportedOperationException("no replica here");
		}

		@Override
		public PgBouncerAdmin pgbouncer(PgBouncerAddress address, String database, String applicationName,
				Duration connectTimeout) {
			throw new UnsupportedOperationException("no PgBouncer here");
		}

	}

	private static final class RequestBuilder {

		private PostgresPoolRequest.@Nullable Source serviceConnection;

		private @Nullable String databaseUrl;

		private @Nullable Integer instances;

		private @Nullable Integer cores;

		private @Nullable Integer taskThreads;

		private boolean failFast;

		private AdaptiveRequest adaptive = adaptiveRequest(SizingMode.AUTO, 1);

		RequestBuilder serviceConnection(PostgresPoolRequest.Source source) {
			this.serviceConnection = source;
			return this;
		}

		RequestBuilder databaseUrl(String url) {
			this.databaseUrl = url;
			return this;
		}

		RequestBuilder instances(int instances) {
			this.instances = instances;
			return this;
		}

		RequestBuilder cores(int cores) {
			this.cores = cores;
			return this;
		}

		RequestBuilder taskThreads(int threads) {
			this.taskThreads = threads;
			return this;
		}

		RequestBuilder failFast(boolean failFast) {
			this.failFast = failFast;
			return this;
		}

		RequestBuilder adaptive(AdaptiveRequest adaptive) {
			this.adaptive = adaptive;
			return this;
		}

		PostgresPoolRequest build() {
			return new PostgresPoolRequest(this.serviceConnection,
					new PostgresPoolRequest.Source("postgresql://app:pw@db.internal:5432/orders", null, null),
					this.databaseUrl, PostgresPoolRequest.Source.NONE, Layer.named("none", new PostgresSettings()),
					new PostgresPoolRequest.Fleet(this.instances, this.cores, 0, 0.8, this.taskThreads), this.failFast,
					Duration.ofSeconds(3), null, null, this.adaptive, null);
		}

	}

}
