package dev.poolstarter.postgres;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.adaptive.AdaptiveSizing;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAddress;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAdmin;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAdminProbe;
import dev.poolstarter.postgres.pgbouncer.PgBouncerSettingsCheck;
import dev.poolstarter.postgres.pgbouncer.RoleTimeoutsCheck;
import dev.poolstarter.postgres.server.FleetBudget;
import dev.poolstarter.postgres.server.FleetBudgetExceededException;
import dev.poolstarter.postgres.server.FleetCensus;
import dev.poolstarter.postgres.server.ServerFacts;
import dev.poolstarter.postgres.settings.BudgetCheckMode;
import dev.poolstarter.postgres.settings.DatabaseUrl;
import dev.poolstarter.postgres.settings.InvalidDatabaseUrlException;
import dev.poolstarter.postgres.settings.PgBouncerMode;
import dev.poolstarter.postgres.settings.PgjdbcOptions;
import dev.poolstarter.postgres.settings.PoolSize;
import dev.poolstarter.postgres.settings.PostgresConnection;
import dev.poolstarter.postgres.settings.PostgresProfiles;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.Layer;
import dev.poolstarter.settings.ProfileSelection;
import dev.poolstarter.settings.PropertyLayers;
import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.ResolvedSettings;
import dev.poolstarter.settings.Setting;

import org.springframework.util.StringUtils;

/**
 * Turns the property layers, the application's request and the server's answers into a
 * {@link PostgresPoolPlan}, in the order that lets bad input fail before any connection
 * is opened: resolve, check, probe the server, size, check the budget. The probes are a
 * collaborator, so that the planning logic has unit tests without a server.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PostgresPoolPlanner {

	/**
	 * The name of the primary's pool.
	 */
	public static final String POOL_NAME = "primary";

	private static final String POOL_URL = "pool.postgres.url";

	private static final String DATABASE_URL = "DATABASE_URL";

	private static final String SERVICE_CONNECTION = "service connection";

	/**
	 * PostgreSQL truncates application_name to NAMEDATALEN - 1 bytes.
	 */
	private static final int MAX_APPLICATION_NAME_BYTES = 63;

	private static final Duration SOCKET_TIMEOUT_MARGIN = Duration.ofSeconds(15);

	private static final Duration MIN_VALIDATION = Duration.ofMillis(250);

	private final ProfileSelection selection;

	private final PropertyLayers<PostgresSettings> properties;

	private final PostgresPoolRequest request;

	private final PostgresProbes probes;

	private final DatabaseInitializers initializers;

	/**
	 * Create a planner.
	 * @param selection the profile, service and instance
	 * @param properties the {@code pool.*} layers
	 * @param request what the application says besides the layered settings
	 * @param probes what asks the servers
	 * @param initializers the database initializers that need the database while the
	 * context starts
	 */
	public PostgresPoolPlanner(ProfileSelection selection, PropertyLayers<PostgresSettings> properties,
			PostgresPoolRequest request, PostgresProbes probes, DatabaseInitializers initializers) {
		this.selection = selection;
		this.properties = properties;
		this.request = request;
		this.probes = probes;
		this.initializers = initializers;
	}

	/**
	 * Select, resolve, check, probe the server, size, check the budget: bad input fails
	 * before any connection is opened.
	 * @return the plan
	 */
	public PostgresPoolPlan plan() {
		PostgresConnection connection = resolveConnection();
		String adminUrl = this.request.pgbouncerAdminUrl();
		PgBouncerAddress pgbouncerAddress = StringUtils.hasText(adminUrl) ? PgBouncerAdminProbe.address(adminUrl)
				: null;
		ResolvedSettings<PostgresSettings> settings = withDerivedDefaults(
				ResolvedSettings.resolve(PostgresSetting.ALL, layers(connection)));
		PostgresSettingsValidator validator = new PostgresSettingsValidator(POOL_NAME, settings);
		Integer fixedInstances = this.request.fleet().instances();
		validator.checkFleet(this.request, (fixedInstances != null) ? fixedInstances : 1);
		validator.checkStatic();
		List<String> warnings = new ArrayList<>(validator.warnings());
		ServerFacts server = probe(connection, settings, warnings);
		validator.checkServer(server);
		int instances = instances(server, settings);
		double share = this.request.fleet().budget();
		FleetBudget budget = server.isKnown()
				? new FleetBudget(server.maxConnections(), server.reservedConnections(), share, instances)
				: FleetBudget.unknown(share, instances);
		PoolSizing sizing = sizing(settings, instances);
		boolean autoSized = isAuto(settings.value(PostgresSetting.MAX_CONNECTIONS));
		settings = sized(settings, sizing, budget, warnings);
		new PostgresSettingsValidator(POOL_NAME, settings).checkMinIdle(sizeOf(settings));
		settings = forPgBouncer(settings, server, warnings);
		boolean adaptive = this.request.adaptive().isAdaptive(autoSized);
		// adaptive sizing keeps the pool within its live share of the budget by itself
		if (server.isKnown() && !adaptive) {
			checkBudget(settings, budget, warnings);
		}
		PgBouncerAdmin pgbouncer = (pgbouncerAddress != null) ? this.probes.pgbouncer(pgbouncerAddress,
				PgBouncerAdminProbe.databaseOf(connection.url().jdbcUrl()),
				applicationName(this.selection.service(), this.selection.instanceId() + "/check"),
				connectTimeout(settings)) : null;
		PgBouncerSettingsCheck.check(POOL_NAME, settings, pgbouncer, warnings);
		PostgresPoolPlan plan = new PostgresPoolPlan(POOL_NAME, this.selection, connection, settings, server, budget,
				instancesOrigin(server, settings), autoSized, sizing.lockingMinimum(), List.copyOf(warnings),
				pgbouncer, null, this.request.circuitBreaker());
		return adaptive ? plan.withAdaptive(AdaptiveSizing.of(this.request.adaptive(), settings, server, share,
				fixedInstances, sizing.lockingMinimum(), autoSized,
				FleetCensus.instanceOf(this.selection.service(), plan.applicationName()))) : plan;
	}

	/**
	 * Return the layers, strongest first. Parameters of a URL the application set for
	 * this starter (pool.postgres.url, DATABASE_URL) are explicit; those of
	 * spring.datasource.url or a service connection rank with spring.datasource.hikari,
	 * below everything under pool.*.
	 */
	private List<Layer<PostgresSettings>> layers(PostgresConnection connection) {
		List<Layer<PostgresSettings>> layers = new ArrayList<>();
		layers.add(this.properties.explicit());
		boolean explicitUrl = connection.url().source().equals(POOL_URL)
				|| connection.url().source().equals(DATABASE_URL);
		if (explicitUrl) {
			layers.add(connection.url().layer());
		}
		layers.add(this.properties.service());
		layers.add(this.properties.profile());
		if (!explicitUrl) {
			layers.add(connection.url().layer());
		}
		layers.add(this.request.hikari());
		layers.add(PostgresProfiles.builtIn(this.selection.profile()));
		layers.add(PostgresProfiles.libraryDefaults());
		return layers;
	}

	/**
	 * Read the server's facts, retrying within the start-up timeout. A server that stays
	 * away for a reason waiting can cure does not stop start-up unless fail-fast is on or
	 * a database initializer needs it while the context starts: the application starts,
	 * health says DOWN, and the pool connects when it is back. Through PgBouncer in
	 * transaction mode the server sees PgBouncer's connections, not the instances': no
	 * census then.
	 */
	private ServerFacts probe(PostgresConnection connection, ResolvedSettings<PostgresSettings> settings,
			List<String> warnings) {
		String censusOf = PgjdbcOptions.isTransactionPooling(settings) ? null : this.selection.service();
		try {
			return this.probes.server(POOL_NAME, connection, settings, this.request.failFast(),
					this.request.startupTimeout(), censusOf, warnings);
		}
		catch (DatabaseUnreachableException ex) {
			if (this.request.failFast() || !ex.isRetryable()) {
				throw ex;
			}
			List<DatabaseUnreachableException.Initializer> initializers = this.initializers.needingTheDatabase();
			if (!initializers.isEmpty()) {
				throw new DatabaseUnreachableException(ex, this.request.startupTimeout(), initializers,
						this.initializers.composeCommand());
			}
			warnings.add("PostgreSQL at " + connection.url().displayUrl() + " did not answer within "
					+ "pool.postgres.startup-timeout (" + ex.getAttempts() + " attempt(s)): starting without it; "
					+ "health is DOWN and the pool connects when it answers; the budget and server checks run then");
			return ServerFacts.UNKNOWN;
		}
	}

	private int instances(ServerFacts server, ResolvedSettings<PostgresSettings> settings) {
		Integer fixed = this.request.fleet().instances();
		if (fixed != null) {
			return fixed;
		}
		return server.census().liveInstances(self(settings));
	}

	/**
	 * Describe where the instance count of the fleet budget came from: pool.instances, or
	 * the instances live in pg_stat_activity at start-up, this one included.
	 */
	private String instancesOrigin(ServerFacts server, ResolvedSettings<PostgresSettings> settings) {
		if (this.request.fleet().instances() != null) {
			return "pool.instances";
		}
		if (!server.isKnown()) {
			return "this instance alone: the server was away at start-up";
		}
		return "live in pg_stat_activity: "
				+ server.census().describeInstances(this.selection.service(), self(settings));
	}

	private @Nullable String self(ResolvedSettings<PostgresSettings> settings) {
		String name = settings.value(PostgresSetting.APPLICATION_NAME);
		return (name != null) ? FleetCensus.instanceOf(this.selection.service(), name) : null;
	}

	private PostgresConnection resolveConnection() {
		DatabaseUrl url = resolveUrl();
		PostgresPoolRequest.Source service = serviceConnection();
		PostgresPoolRequest.Source explicit = this.request.explicit();
		PostgresPoolRequest.Source spring = this.request.springDataSource();
		Resolved<String> username = first(new Resolved<>(service.username(), SERVICE_CONNECTION),
				new Resolved<>(explicit.username(), "pool.postgres.username"),
				new Resolved<>(url.username(), url.source()),
				new Resolved<>(spring.username(), "spring.datasource.username"));
		Resolved<String> password = first(new Resolved<>(service.password(), SERVICE_CONNECTION),
				new Resolved<>(explicit.password(), "pool.postgres.password"),
				new Resolved<>(url.password(), url.source()),
				new Resolved<>(spring.password(), "spring.datasource.password"));
		return new PostgresConnection(url, username.value(), username.origin(), password.value());
	}

	private PostgresPoolRequest.Source serviceConnection() {
		PostgresPoolRequest.Source service = this.request.serviceConnection();
		return (service != null) ? service : PostgresPoolRequest.Source.NONE;
	}

	/**
	 * Resolve the URL. A service connection (Docker Compose, Testcontainers) comes first,
	 * as in Spring Boot, so that tests and local runs never reach a database named by an
	 * ambient DATABASE_URL.
	 */
	private DatabaseUrl resolveUrl() {
		PostgresPoolRequest.Source service = this.request.serviceConnection();
		if (service != null && service.url() != null) {
			return DatabaseUrl.parse(service.url(), SERVICE_CONNECTION);
		}
		String explicitUrl = this.request.explicit().url();
		if (StringUtils.hasText(explicitUrl)) {
			return DatabaseUrl.parse(explicitUrl, POOL_URL);
		}
		String databaseUrl = this.request.databaseUrl();
		if (StringUtils.hasText(databaseUrl)) {
			return DatabaseUrl.parse(databaseUrl, DATABASE_URL);
		}
		String springUrl = this.request.springDataSource().url();
		if (StringUtils.hasText(springUrl)) {
			return DatabaseUrl.parse(springUrl, "spring.datasource.url");
		}
		throw new InvalidDatabaseUrlException("pool.postgres.url", "(none)",
				"no database URL is set: not pool.postgres.url, the DATABASE_URL environment variable, nor "
						+ "spring.datasource.url",
				"Set one of them, for example pool.postgres.url=postgresql://user:password@localhost:5432/app.");
	}

	@SafeVarargs
	private static <T> Resolved<T> first(Resolved<T>... candidates) {
		for (Resolved<T> candidate : candidates) {
			if (candidate.value() != null
					&& !(candidate.value() instanceof String text && text.isEmpty())) {
				return candidate;
			}
		}
		return Resolved.unset();
	}

	private ResolvedSettings<PostgresSettings> withDerivedDefaults(ResolvedSettings<PostgresSettings> settings) {
		if (!settings.get(PostgresSetting.APPLICATION_NAME).isSet()) {
			settings = settings.with(PostgresSetting.APPLICATION_NAME,
					applicationName(this.selection.service(), this.selection.instanceId()),
					"default: service/instance-id");
		}
		Resolved<Duration> validation = settings.get(PostgresSetting.VALIDATION_TIMEOUT);
		Duration poolTimeout = settings.value(PostgresSetting.POOL_TIMEOUT);
		if (validation.origin().equals(PostgresProfiles.HIKARI_DEFAULT) && poolTimeout != null && validation.value() != null
				&& validation.value().compareTo(poolTimeout) >= 0) {
			settings = settings.with(PostgresSetting.VALIDATION_TIMEOUT, max(poolTimeout.dividedBy(2), MIN_VALIDATION),
					"derived: half the pool-timeout (HikariCP's default is not below it)");
		}
		Duration statementTimeout = settings.value(PostgresSetting.STATEMENT_TIMEOUT);
		if (!settings.get(PostgresSetting.SOCKET_TIMEOUT).isSet() && statementTimeout != null
				&& statementTimeout.compareTo(Duration.ZERO) > 0) {
			settings = settings.with(PostgresSetting.SOCKET_TIMEOUT, statementTimeout.plus(SOCKET_TIMEOUT_MARGIN),
					"derived: statement-timeout + 15s");
		}
		return settings;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	/**
	 * Return the application_name of a pool's connections, as PostgreSQL keeps it: at
	 * most 63 bytes.
	 * @param service the service
	 * @param instanceId the instance, or what a helper connection adds to it
	 * @return the application name
	 */
	public static String applicationName(String service, String instanceId) {
		String name = service + "/" + instanceId;
		while (name.getBytes(StandardCharsets.UTF_8).length > MAX_APPLICATION_NAME_BYTES) {
			name = name.substring(0, name.length() - 1);
		}
		return name;
	}

	private ResolvedSettings<PostgresSettings> sized(ResolvedSettings<PostgresSettings> settings, PoolSizing sizing,
			FleetBudget budget, List<String> warnings) {
		Resolved<PoolSize> max = settings.get(PostgresSetting.MAX_CONNECTIONS);
		if (isAuto(max.value())) {
			if (sizing.lockingMinimum() > budget.largestPoolSize()
					&& settings.value(PostgresSetting.BUDGET_CHECK) == BudgetCheckMode.FAIL) {
				throw new FleetBudgetExceededException(budget, sizing.lockingMinimum(),
						"the pool-locking minimum " + sizing.lockingMinimum() + " for connections-per-task", true);
			}
			PoolSizing.Result result = sizing.size(budget);
			if (result.size() < sizing.lockingMinimum()) {
				warnings.add("max-connections=" + result.size() + " (" + result.explanation()
						+ ") is below the pool-locking minimum " + sizing.lockingMinimum()
						+ ": tasks that hold several connections can deadlock; raise pool.postgres.max-connections-cap");
			}
			return settings.with(PostgresSetting.MAX_CONNECTIONS, PoolSize.of(result.size()),
					result.explanation() + " (auto from " + max.origin() + ")");
		}
		if (max.value().connections() < sizing.lockingMinimum()) {
			warnings.add("max-connections=" + max.value() + " (from " + max.origin()
					+ ") is below the pool-locking minimum " + sizing.lockingMinimum()
					+ ": tasks that hold several connections can deadlock");
		}
		return settings;
	}

	private static boolean isAuto(@Nullable PoolSize size) {
		return size == null || size.isAuto();
	}

	private PoolSizing sizing(ResolvedSettings<PostgresSettings> settings, int instances) {
		PostgresPoolRequest.Fleet fleet = this.request.fleet();
		Integer cores = fleet.databaseCores();
		String coresOrigin = (cores != null) ? "pool.postgres.database-cores"
				: "this host's cores: set pool.postgres.database-cores to the database server's";
		int databaseCores = (cores != null) ? cores : Runtime.getRuntime().availableProcessors();
		Integer perTask = settings.value(PostgresSetting.CONNECTIONS_PER_TASK);
		Integer threads = fleet.taskThreads();
		return new PoolSizing(databaseCores, coresOrigin, fleet.spindles(), instances,
				(perTask != null) ? perTask : 1, (threads != null) ? threads : 1,
				settings.value(PostgresSetting.MAX_CONNECTIONS_CAP));
	}

	/**
	 * PgBouncer refuses start-up options. In session mode the server-side timeouts are set
	 * after connecting; in transaction mode they are checked against what the server
	 * applies by itself (role defaults), and the server's max_connections says nothing
	 * about this fleet, which shares PgBouncer's pool.
	 */
	private static ResolvedSettings<PostgresSettings> forPgBouncer(ResolvedSettings<PostgresSettings> settings,
			ServerFacts server, List<String> warnings) {
		if (settings.value(PostgresSetting.PGBOUNCER) == PgBouncerMode.SESSION) {
			return annotateTimeouts(settings, (setting) -> "set after connect: PgBouncer refuses start-up options");
		}
		if (!PgjdbcOptions.isTransactionPooling(settings)) {
			return settings;
		}
		String roleWarning = server.isKnown() ? RoleTimeoutsCheck.check(settings, server) : null;
		ResolvedSettings<PostgresSettings> annotated = annotateTimeouts(settings, (setting) -> {
			Boolean applied = server.isKnown() ? RoleTimeoutsCheck.applied(setting, settings, server) : null;
			String note = (applied == null) ? "PgBouncer transaction pooling drops start-up options"
					: applied ? "the role's default applies it" : "the server does not apply it, see the warning";
			return "not sent: " + note;
		});
		boolean prepared = Boolean.TRUE.equals(settings.value(PostgresSetting.PGBOUNCER_PREPARED_STATEMENTS));
		warnings.add("pgbouncer=transaction: "
				+ (prepared ? "server-side prepared statements stay on (pgbouncer-prepared-statements)"
						: "no server-side prepared statements (prepareThreshold=0)")
				+ ", no start-up options (the server-side timeouts must come from the role, "
				+ (server.isKnown() ? "checked" : "checked once the server answers")
				+ "), and the fleet budget is not checked against the server, which sees PgBouncer's pool");
		if (roleWarning != null) {
			warnings.add(roleWarning);
		}
		return annotated;
	}

	private static ResolvedSettings<PostgresSettings> annotateTimeouts(
			ResolvedSettings<PostgresSettings> settings,
			Function<Setting<PostgresSettings, Duration>, String> note) {
		ResolvedSettings<PostgresSettings> annotated = settings;
		for (Setting<PostgresSettings, Duration> setting : List.of(PostgresSetting.STATEMENT_TIMEOUT,
				PostgresSetting.IDLE_IN_TRANSACTION_SESSION_TIMEOUT, PostgresSetting.LOCK_TIMEOUT)) {
			Resolved<Duration> resolved = settings.get(setting);
			if (resolved.value() != null) {
				annotated = annotated.with(setting, resolved.value(), resolved.origin() + "; " + note.apply(setting));
			}
		}
		return annotated;
	}

	private static Duration connectTimeout(ResolvedSettings<PostgresSettings> settings) {
		Duration timeout = settings.value(PostgresSetting.CONNECT_TIMEOUT);
		return (timeout != null) ? timeout : Duration.ofSeconds(5);
	}

	private void checkBudget(ResolvedSettings<PostgresSettings> settings, FleetBudget budget, List<String> warnings) {
		BudgetCheckMode check = settings.value(PostgresSetting.BUDGET_CHECK);
		int size = sizeOf(settings);
		if (check == BudgetCheckMode.OFF || budget.fits(size)
				|| settings.value(PostgresSetting.PGBOUNCER) == PgBouncerMode.TRANSACTION) {
			return;
		}
		String origin = settings.get(PostgresSetting.MAX_CONNECTIONS).origin();
		if (check == BudgetCheckMode.FAIL) {
			throw new FleetBudgetExceededException(budget, size, origin, false);
		}
		warnings.add("Fleet over budget: " + budget.describe(size) + "; largest pool size that fits: "
				+ budget.largestPoolSize() + " (budget-check=warn from "
				+ settings.get(PostgresSetting.BUDGET_CHECK).origin() + ")");
	}

	private static int sizeOf(ResolvedSettings<PostgresSettings> settings) {
		PoolSize size = settings.value(PostgresSetting.MAX_CONNECTIONS);
		return (size != null && !size.isAuto()) ? size.connections() : 1;
	}

}
