package dev.poolstarter.autoconfigure.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

import com.zaxxer.hikari.util.PropertyElf;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

import dev.poolstarter.autoconfigure.profile.BudgetCheck;
import dev.poolstarter.autoconfigure.profile.BuiltInProfiles;
import dev.poolstarter.autoconfigure.profile.ClientSetting;
import dev.poolstarter.autoconfigure.profile.PgBouncerMode;
import dev.poolstarter.autoconfigure.profile.PoolSelection;
import dev.poolstarter.autoconfigure.profile.PoolSize;
import dev.poolstarter.autoconfigure.profile.PostgresPoolSettings;
import dev.poolstarter.autoconfigure.profile.PostgresProperties;
import dev.poolstarter.autoconfigure.profile.PostgresSetting;
import dev.poolstarter.autoconfigure.profile.Resolved;
import dev.poolstarter.autoconfigure.profile.ResolvedClientSettings;
import dev.poolstarter.autoconfigure.profile.SizingMode;
import dev.poolstarter.jdbc.FleetCensus;
import dev.poolstarter.jdbc.PgBouncerAddress;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Turns the property layers, the environment and the server's answers into a
 * {@link PostgresPoolPlan}, in the order that lets bad input fail before any connection
 * is opened: select, resolve, check, probe the server, size, check the budget.
 *
 * @author pool-starter
 */
class PostgresPoolPlanner {

	static final String POOL_NAME = "primary";

	private static final String POOL_URL = "pool.postgres.url";

	private static final String DATABASE_URL = "DATABASE_URL";

	private static final String SERVICE_CONNECTION = "service connection";

	/**
	 * PostgreSQL truncates application_name to NAMEDATALEN - 1 bytes.
	 */
	private static final int MAX_APPLICATION_NAME_BYTES = 63;

	private static final Duration SOCKET_TIMEOUT_MARGIN = Duration.ofSeconds(15);

	private static final Duration MIN_VALIDATION = Duration.ofMillis(250);


	private final PoolSelection selection;

	private final Environment environment;

	private final SpringDataSourceSettings springDataSource;

	private final @Nullable JdbcConnectionDetails connectionDetails;

	private final DatabaseInitializers initializers;

	PostgresPoolPlanner(PoolSelection selection, Environment environment,
			@Nullable JdbcConnectionDetails connectionDetails, DatabaseInitializers initializers) {
		this.selection = selection;
		this.environment = environment;
		this.springDataSource = new SpringDataSourceSettings(environment);
		this.connectionDetails = connectionDetails;
		this.initializers = initializers;
	}

	PostgresPoolPlan plan() {
		PostgresProperties explicit = this.selection.properties().getPostgres();
		PostgresConnection connection = resolveConnection(explicit);
		PgBouncerAddress pgbouncerAddress = StringUtils.hasText(explicit.getPgbouncerAdminUrl())
				? PgBouncerAdminProbe.address(explicit.getPgbouncerAdminUrl()) : null;
		ResolvedClientSettings<PostgresPoolSettings> settings = withDerivedDefaults(ResolvedClientSettings.resolve(PostgresSetting.ALL, layers(connection)));
		PoolSettingsValidator validator = new PoolSettingsValidator(POOL_NAME, settings);
		Integer explicitInstances = this.selection.properties().getInstances();
		validator.checkFleetProperties(explicit, (explicitInstances != null) ? explicitInstances : 1);
		validator.checkStatic();
		List<String> warnings = new ArrayList<>(validator.warnings());
		ServerFacts server = probe(connection, settings, explicit, warnings);
		validator.checkServer(server);
		int instances = instances(server, settings);
		FleetBudget budget = server.isKnown()
				? new FleetBudget(server.maxConnections(), server.reservedConnections(), explicit.getBudget(), instances)
				: FleetBudget.unknown(explicit.getBudget(), instances);
		settings = sized(settings, explicit, budget, warnings);
		new PoolSettingsValidator(POOL_NAME, settings).checkMinIdle(sizeOf(settings));
		settings = forPgBouncer(settings, server, warnings);
		// adaptive sizing keeps the pool within its live share of the budget by itself
		if (server.isKnown() && explicit.getSizing() != SizingMode.ADAPTIVE) {
			checkBudget(settings, budget, warnings);
		}
		PgBouncerAdmin pgbouncer = (pgbouncerAddress != null)
				? PgBouncerAdminProbe.read(pgbouncerAddress, PgBouncerAdminProbe.databaseOf(connection.url().jdbcUrl()),
						applicationName(this.selection.service(), this.selection.instanceId() + "/check"),
						connectTimeout(settings))
				: null;
		PgBouncerChecks.check(POOL_NAME, settings, pgbouncer, warnings);
		return new PostgresPoolPlan(POOL_NAME, this.selection, connection, settings, server, budget,
				List.copyOf(warnings), pgbouncer);
	}

	/**
	 * Return the layers, strongest first. Parameters of a URL the application set for
	 * this starter (pool.postgres.url, DATABASE_URL) are explicit; those of
	 * spring.datasource.url or a service connection rank with spring.datasource.hikari,
	 * below everything under pool.*.
	 */
	private List<ResolvedClientSettings.Layer<PostgresPoolSettings>> layers(PostgresConnection connection) {
		List<ResolvedClientSettings.Layer<PostgresPoolSettings>> layers = new ArrayList<>();
		layers.add(this.selection.explicitPostgresLayer());
		boolean explicitUrl = connection.url().source().equals(POOL_URL)
				|| connection.url().source().equals(DATABASE_URL);
		if (explicitUrl) {
			layers.add(connection.url().layer());
		}
		layers.add(this.selection.servicePostgresLayer());
		layers.add(this.selection.profileOverridePostgresLayer());
		if (!explicitUrl) {
			layers.add(connection.url().layer());
		}
		layers.add(this.springDataSource.hikariLayer());
		layers.add(this.selection.builtInPostgresLayer());
		layers.add(this.selection.libraryDefaultsLayer());
		return layers;
	}

	/**
	 * Read the server's facts, retrying within the start-up timeout. A server that stays
	 * away for a reason waiting can cure does not stop start-up unless fail-fast is on or
	 * a database initializer needs it while the context starts: the application starts,
	 * health says DOWN, and the pool connects when it is back.
	 */
	private ServerFacts probe(PostgresConnection connection, ResolvedClientSettings<PostgresPoolSettings> settings,
			PostgresProperties explicit, List<String> warnings) {
		try {
			return new PostgresServerProbe(POOL_NAME, connection.url().displayUrl(), explicit.isFailFast(),
					explicit.getStartupTimeout())
				.probe(probeDataSource(connection, settings),
						(probe) -> withCensus(PostgresServerProbe.read(probe), probe, settings, warnings));
		}
		catch (DatabaseUnreachableException ex) {
			if (explicit.isFailFast() || !ex.isRetryable()) {
				throw ex;
			}
			List<DatabaseUnreachableException.Initializer> initializers = this.initializers.needingTheDatabase();
			if (!initializers.isEmpty()) {
				throw new DatabaseUnreachableException(ex, explicit.getStartupTimeout(), initializers,
						this.initializers.composeCommand());
			}
			warnings.add("PostgreSQL at " + connection.url().displayUrl() + " did not answer within "
					+ "pool.postgres.startup-timeout (" + ex.getAttempts() + " attempt(s)): starting without it; "
					+ "health is DOWN and the pool connects when it answers; the budget and server checks run then");
			return ServerFacts.UNKNOWN;
		}
	}

	/**
	 * Count the service's live instances and the other applications' connections over the
	 * probe's connection; through PgBouncer in transaction mode the server sees PgBouncer's
	 * connections, not the instances'. A failed count is a warning, never a reason to probe
	 * again.
	 */
	private ServerFacts withCensus(ServerFacts server, Connection probe,
			ResolvedClientSettings<PostgresPoolSettings> settings, List<String> warnings) {
		if (PgjdbcProperties.isTransactionPooling(settings)) {
			return server;
		}
		try {
			return server.withCensus(FleetCensus.read(probe, this.selection.service()));
		}
		catch (SQLException ex) {
			warnings.add("the live instances could not be counted in pg_stat_activity (" + ex.getMessage()
					+ "): this instance counts itself alone; set pool.instances");
			return server;
		}
	}

	private int instances(ServerFacts server, ResolvedClientSettings<PostgresPoolSettings> settings) {
		Integer explicit = this.selection.properties().getInstances();
		if (explicit != null) {
			return explicit;
		}
		String name = settings.value(PostgresSetting.APPLICATION_NAME);
		return server.census()
			.liveInstances((name != null) ? FleetCensus.instanceOf(this.selection.service(), name) : null);
	}

	private PostgresConnection resolveConnection(PostgresProperties explicit) {
		DatabaseUrl url = resolveUrl(explicit);
		String detailsUser = (this.connectionDetails != null) ? this.connectionDetails.getUsername() : null;
		String detailsPassword = (this.connectionDetails != null) ? this.connectionDetails.getPassword() : null;
		Resolved<String> username = first(new Resolved<>(detailsUser, SERVICE_CONNECTION),
				new Resolved<>(explicit.getUsername(), "pool.postgres.username"),
				new Resolved<>(url.username(), url.source()),
				new Resolved<>(this.springDataSource.username(), "spring.datasource.username"));
		Resolved<String> password = first(new Resolved<>(detailsPassword, SERVICE_CONNECTION),
				new Resolved<>(explicit.getPassword(), "pool.postgres.password"),
				new Resolved<>(url.password(), url.source()),
				new Resolved<>(this.springDataSource.password(), "spring.datasource.password"));
		return new PostgresConnection(url, username.value(), username.origin(), password.value());
	}

	/**
	 * Resolve the URL. A service connection (Docker Compose, Testcontainers) comes first,
	 * as in Spring Boot, so that tests and local runs never reach a database named by an
	 * ambient DATABASE_URL.
	 */
	private DatabaseUrl resolveUrl(PostgresProperties explicit) {
		if (this.connectionDetails != null) {
			return DatabaseUrl.parse(this.connectionDetails.getJdbcUrl(), SERVICE_CONNECTION);
		}
		if (StringUtils.hasText(explicit.getUrl())) {
			return DatabaseUrl.parse(explicit.getUrl(), POOL_URL);
		}
		String databaseUrl = this.environment.getProperty(DATABASE_URL);
		if (StringUtils.hasText(databaseUrl)) {
			return DatabaseUrl.parse(databaseUrl, DATABASE_URL);
		}
		String springUrl = this.springDataSource.url();
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

	private ResolvedClientSettings<PostgresPoolSettings> withDerivedDefaults(ResolvedClientSettings<PostgresPoolSettings> settings) {
		if (!settings.get(PostgresSetting.APPLICATION_NAME).isSet()) {
			settings = settings.with(PostgresSetting.APPLICATION_NAME,
					applicationName(this.selection.service(), this.selection.instanceId()),
					"default: service/instance-id");
		}
		Resolved<Duration> validation = settings.get(PostgresSetting.VALIDATION_TIMEOUT);
		Duration poolTimeout = settings.value(PostgresSetting.POOL_TIMEOUT);
		if (validation.origin().equals(BuiltInProfiles.HIKARI_DEFAULT) && poolTimeout != null && validation.value() != null
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

	static String applicationName(String service, String instanceId) {
		String name = service + "/" + instanceId;
		while (name.getBytes(StandardCharsets.UTF_8).length > MAX_APPLICATION_NAME_BYTES) {
			name = name.substring(0, name.length() - 1);
		}
		return name;
	}

	private ResolvedClientSettings<PostgresPoolSettings> sized(ResolvedClientSettings<PostgresPoolSettings> settings, PostgresProperties explicit,
			FleetBudget budget, List<String> warnings) {
		Resolved<PoolSize> max = settings.get(PostgresSetting.MAX_CONNECTIONS);
		PoolSizing sizing = sizing(settings, explicit, budget);
		if (max.value() == null || max.value().isAuto()) {
			if (sizing.lockingMinimum() > budget.largestPoolSize()
					&& settings.value(PostgresSetting.BUDGET_CHECK) == BudgetCheck.FAIL) {
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
					result.explanation() + PostgresPoolPlan.AUTO_ORIGIN + max.origin() + ")");
		}
		if (max.value().connections() < sizing.lockingMinimum()) {
			warnings.add("max-connections=" + max.value() + " (from " + max.origin()
					+ ") is below the pool-locking minimum " + sizing.lockingMinimum()
					+ ": tasks that hold several connections can deadlock");
		}
		return settings;
	}

	private PoolSizing sizing(ResolvedClientSettings<PostgresPoolSettings> settings, PostgresProperties explicit,
			FleetBudget budget) {
		Integer cores = explicit.getDatabaseCores();
		String coresOrigin = (cores != null) ? "pool.postgres.database-cores"
				: "this host's cores: set pool.postgres.database-cores to the database server's";
		int databaseCores = (cores != null) ? cores : Runtime.getRuntime().availableProcessors();
		Integer perTask = settings.value(PostgresSetting.CONNECTIONS_PER_TASK);
		Integer threads = explicit.getTaskThreads();
		return new PoolSizing(databaseCores, coresOrigin, explicit.getSpindles(), budget.instances(),
				(perTask != null) ? perTask : 1,
				(threads != null) ? threads : 1, settings.value(PostgresSetting.MAX_CONNECTIONS_CAP));
	}

	/**
	 * PgBouncer refuses start-up options. In session mode the server-side timeouts are set
	 * after connecting; in transaction mode they are checked against what the server
	 * applies by itself (role defaults), and the server's max_connections says nothing
	 * about this fleet, which shares PgBouncer's pool.
	 */
	private static ResolvedClientSettings<PostgresPoolSettings> forPgBouncer(ResolvedClientSettings<PostgresPoolSettings> settings,
			ServerFacts server, List<String> warnings) {
		if (settings.value(PostgresSetting.PGBOUNCER) == PgBouncerMode.SESSION) {
			return annotateTimeouts(settings, (setting) -> "set after connect: PgBouncer refuses start-up options");
		}
		if (!PgjdbcProperties.isTransactionPooling(settings)) {
			return settings;
		}
		String roleWarning = server.isKnown() ? RoleTimeoutsCheck.check(settings, server) : null;
		ResolvedClientSettings<PostgresPoolSettings> annotated = annotateTimeouts(settings, (setting) -> {
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

	private static ResolvedClientSettings<PostgresPoolSettings> annotateTimeouts(
			ResolvedClientSettings<PostgresPoolSettings> settings,
			Function<ClientSetting<PostgresPoolSettings, Duration>, String> note) {
		ResolvedClientSettings<PostgresPoolSettings> annotated = settings;
		for (ClientSetting<PostgresPoolSettings, Duration> setting : List.of(PostgresSetting.STATEMENT_TIMEOUT,
				PostgresSetting.IDLE_IN_TRANSACTION_SESSION_TIMEOUT, PostgresSetting.LOCK_TIMEOUT)) {
			Resolved<Duration> resolved = settings.get(setting);
			if (resolved.value() != null) {
				annotated = annotated.with(setting, resolved.value(), resolved.origin() + "; " + note.apply(setting));
			}
		}
		return annotated;
	}

	private static Duration connectTimeout(ResolvedClientSettings<PostgresPoolSettings> settings) {
		Duration timeout = settings.value(PostgresSetting.CONNECT_TIMEOUT);
		return (timeout != null) ? timeout : Duration.ofSeconds(5);
	}

	private void checkBudget(ResolvedClientSettings<PostgresPoolSettings> settings, FleetBudget budget, List<String> warnings) {
		BudgetCheck check = settings.value(PostgresSetting.BUDGET_CHECK);
		int size = sizeOf(settings);
		if (check == BudgetCheck.OFF || budget.fits(size)
				|| settings.value(PostgresSetting.PGBOUNCER) == PgBouncerMode.TRANSACTION) {
			return;
		}
		String origin = settings.get(PostgresSetting.MAX_CONNECTIONS).origin();
		if (check == BudgetCheck.FAIL) {
			throw new FleetBudgetExceededException(budget, size, origin, false);
		}
		warnings.add("Fleet over budget: " + budget.describe(size) + "; largest pool size that fits: "
				+ budget.largestPoolSize() + " (budget-check=warn from "
				+ settings.get(PostgresSetting.BUDGET_CHECK).origin() + ")");
	}

	private static int sizeOf(ResolvedClientSettings<PostgresPoolSettings> settings) {
		PoolSize size = settings.value(PostgresSetting.MAX_CONNECTIONS);
		return (size != null && !size.isAuto()) ? size.connections() : 1;
	}

	static PGSimpleDataSource probeDataSource(PostgresConnection connection,
			ResolvedClientSettings<PostgresPoolSettings> settings) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		Properties properties = PgjdbcProperties.of(connection, settings);
		PropertyElf.setTargetFromProperties(dataSource, properties);
		Duration connectTimeout = settings.value(PostgresSetting.CONNECT_TIMEOUT);
		dataSource.setLoginTimeout((connectTimeout != null) ? (int) connectTimeout.toSeconds() + 1 : 10);
		return dataSource;
	}

}
