package dev.poolstarter.postgres.pgbouncer;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.poolstarter.postgres.settings.PgjdbcOptions;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.ResolvedSettings;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Once every singleton exists, lists what the application does that PgBouncer's
 * transaction pooling breaks, as far as its configuration and beans show it: session
 * state set outside a transaction (init SQL, isolation levels), start-up parameters,
 * server-side prepared statements, LISTEN and session-level advisory locks. Each finding
 * says why it breaks and what to do; one warning holds them all. What only runs in SQL
 * (a session {@code SET}, {@code pg_advisory_lock}, {@code DECLARE ... WITH HOLD}) cannot be
 * seen here.
 *
 * @author pool-starter
 */
public class PgBouncerCompatibilityCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(PgBouncerCompatibilityCheck.class);

	private static final String FLYWAY = "org.flywaydb.core.Flyway";

	private static final String LISTENER = "org.springframework.integration.jdbc.channel.PostgresChannelMessageTableSubscriber";

	private static final int MAX_PLACES = 5;

	private final String poolName;

	private final ResolvedSettings<PostgresSettings> settings;

	private final HikariDataSource dataSource;

	private final Environment environment;

	private final ListableBeanFactory beanFactory;

	private volatile List<String> findings = List.of();

	/**
	 * Create the check of a pool.
	 * @param poolName the pool
	 * @param settings the pool's settings
	 * @param dataSource the pool
	 * @param environment the environment, for what the application configures
	 * @param beanFactory the bean factory, for what the application defines
	 */
	public PgBouncerCompatibilityCheck(String poolName, ResolvedSettings<PostgresSettings> settings,
			HikariDataSource dataSource, Environment environment, ListableBeanFactory beanFactory) {
		this.poolName = poolName;
		this.settings = settings;
		this.dataSource = dataSource;
		this.environment = environment;
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!PgjdbcOptions.isTransactionPooling(this.settings)) {
			return;
		}
		this.findings = List.copyOf(find());
		if (!this.findings.isEmpty()) {
			logger.warn("Pool '" + this.poolName + "': PgBouncer transaction pooling hands each transaction "
					+ "to any server connection, which breaks what this application does in "
					+ this.findings.size() + " place(s):\n  - " + String.join("\n  - ", this.findings));
		}
	}

	/**
	 * Return what the last check found.
	 * @return the findings, each one paragraph
	 */
	public List<String> findings() {
		return this.findings;
	}

	List<String> find() {
		List<String> found = new ArrayList<>();
		initSql(found);
		poolIsolation(found);
		transactionalIsolation(found);
		startupParameters(found);
		preparedStatements(found);
		listeners(found);
		flyway(found);
		advisoryLockBeans(found);
		return found;
	}

	private void initSql(List<String> found) {
		String sql = this.dataSource.getConnectionInitSql();
		if (sql != null && !sql.isBlank()) {
			found.add("connection-init-sql '" + sql + "' (spring.datasource.hikari.connection-init-sql or a "
					+ "JdbcPoolCustomizer) runs once per connection to PgBouncer, on whichever server connection "
					+ "serves it then: a SET there reaches other clients and misses this one's later transactions. "
					+ "Set it on the role (ALTER ROLE ... SET ...) or with SET LOCAL inside each transaction.");
		}
	}

	private void poolIsolation(List<String> found) {
		String isolation = this.dataSource.getTransactionIsolation();
		if (isolation != null) {
			found.add("transaction-isolation " + isolation + " on the pool makes pgjdbc run SET SESSION "
					+ "CHARACTERISTICS, a session setting that lands on one server connection and leaks to other "
					+ "clients. Remove it and set default_transaction_isolation on the role (ALTER ROLE ... SET "
					+ "default_transaction_isolation = '...').");
		}
	}

	private void transactionalIsolation(List<String> found) {
		Set<String> places = new LinkedHashSet<>();
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> type = this.beanFactory.getType(name, false);
			if (type == null) {
				continue;
			}
			if (TransactionTemplate.class.isAssignableFrom(type) && this.beanFactory.isSingleton(name)) {
				TransactionTemplate template = this.beanFactory.getBean(name, TransactionTemplate.class);
				if (template.getIsolationLevel() != TransactionTemplate.ISOLATION_DEFAULT) {
					places.add("bean '" + name + "' (TransactionTemplate)");
				}
			}
			else if (isApplicationClass(ClassUtils.getUserClass(type))) {
				addIsolatedMethods(ClassUtils.getUserClass(type), places);
			}
		}
		if (!places.isEmpty()) {
			found.add("a transaction isolation level other than the default (" + limited(places) + ") makes Spring "
					+ "call Connection.setTransactionIsolation before the transaction starts; pgjdbc runs SET SESSION "
					+ "CHARACTERISTICS outside the transaction, so it lands on another server connection than the "
					+ "transaction and leaks to other clients. Run SET TRANSACTION ISOLATION LEVEL ... as the "
					+ "transaction's first statement instead.");
		}
	}

	private void addIsolatedMethods(Class<?> type, Set<String> places) {
		Transactional onType = AnnotatedElementUtils.findMergedAnnotation(type, Transactional.class);
		if (onType != null && onType.isolation() != Isolation.DEFAULT) {
			places.add(type.getSimpleName() + " (" + onType.isolation() + ")");
		}
		ReflectionUtils.doWithMethods(type, (method) -> {
			Transactional onMethod = AnnotatedElementUtils.findMergedAnnotation(method, Transactional.class);
			if (onMethod != null && onMethod.isolation() != Isolation.DEFAULT) {
				places.add(type.getSimpleName() + "." + method.getName() + " (" + onMethod.isolation() + ")");
			}
		}, PgBouncerCompatibilityCheck::isApplicationMethod);
	}

	private static boolean isApplicationClass(Class<?> type) {
		String name = type.getName();
		return !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.")
				|| name.startsWith("jdk.") || name.startsWith("com.sun.") || Proxy.isProxyClass(type)
				|| name.startsWith("org.springframework.") || name.startsWith("com.zaxxer.")
				|| name.startsWith("org.postgresql.") || name.startsWith("io.micrometer.") || type.isSynthetic());
	}

	private static boolean isApplicationMethod(Method method) {
		return method.getDeclaringClass() != Object.class && !method.isSynthetic()
				&& isApplicationClass(method.getDeclaringClass());
	}

	private void startupParameters(List<String> found) {
		Properties properties = this.dataSource.getDataSourceProperties();
		String options = properties.getProperty("options");
		if (options != null && !options.isBlank()) {
			found.add("the start-up options '" + options + "' (from the URL or "
					+ "spring.datasource.hikari.data-source-properties.options) reach PgBouncer, which refuses them "
					+ "('unsupported startup parameter: options') or, listed in ignore_startup_parameters, drops them. "
					+ "Set them on the role instead (ALTER ROLE ... SET ...).");
		}
		String schema = properties.getProperty("currentSchema");
		if (schema != null && !schema.isBlank()) {
			found.add("the schema '" + schema + "' (pool.postgres.schema or currentSchema) goes as the start-up "
					+ "parameter search_path, which PgBouncer refuses, drops when it ignores it, or keeps only from "
					+ "1.20 with track_extra_parameters = search_path. Set it on the role instead: ALTER ROLE ... "
					+ "SET search_path = '" + schema + "'.");
		}
	}

	private void preparedStatements(List<String> found) {
		String threshold = this.dataSource.getDataSourceProperties().getProperty("prepareThreshold");
		boolean wanted = Boolean.TRUE.equals(this.settings.value(PostgresSetting.PGBOUNCER_PREPARED_STATEMENTS));
		if (!wanted && !"0".equals(threshold)) {
			found.add("prepareThreshold is " + ((threshold != null) ? threshold : "pgjdbc's default 5")
					+ " (a JdbcPoolCustomizer changed it): pgjdbc's named statements live on one server connection, "
					+ "so statements fail with 'prepared statement \"S_1\" does not exist' or 'already exists'. Leave "
					+ "prepareThreshold=0 to the starter, or set pool.postgres.pgbouncer-prepared-statements=true "
					+ "with PgBouncer 1.21 or newer and max_prepared_statements above 0.");
		}
	}

	private void listeners(List<String> found) {
		for (String name : beansOf(LISTENER)) {
			found.add("bean '" + name + "' (PostgresChannelMessageTableSubscriber) runs LISTEN, a session state: "
					+ "through PgBouncer in transaction mode its notifications stop arriving. Give its "
					+ "PgConnectionSupplier a direct connection to PostgreSQL, not PgBouncer's address.");
		}
	}

	private void flyway(List<String> found) {
		boolean sessionLock = "false"
			.equalsIgnoreCase(this.environment.getProperty("spring.flyway.postgresql.transactional-lock"));
		boolean ownUrl = this.environment.containsProperty("spring.flyway.url");
		if (sessionLock && !ownUrl && !beansOf(FLYWAY).isEmpty()) {
			found.add("Flyway migrates through this pool with spring.flyway.postgresql.transactional-lock=false: its "
					+ "session-level advisory lock is taken and released on different server connections and can "
					+ "stay held until PgBouncer closes that connection, so the next migration waits and fails. Remove "
					+ "the property (Flyway's transactional lock works through PgBouncer), or set spring.flyway.url to "
					+ "PostgreSQL directly.");
		}
	}

	private void advisoryLockBeans(List<String> found) {
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> type = this.beanFactory.getType(name, false);
			if (type != null && ClassUtils.getUserClass(type).getSimpleName().contains("AdvisoryLock")) {
				found.add("bean '" + name + "' (" + ClassUtils.getUserClass(type).getName() + ") names PostgreSQL "
						+ "advisory locks: a session-level pg_advisory_lock and its unlock run on different server "
						+ "connections. Use pg_advisory_xact_lock inside one transaction, or connect it to PostgreSQL "
						+ "directly.");
			}
		}
	}

	private List<String> beansOf(String className) {
		ClassLoader classLoader = getClass().getClassLoader();
		if (!ClassUtils.isPresent(className, classLoader)) {
			return List.of();
		}
		Class<?> type = ClassUtils.resolveClassName(className, classLoader);
		return List.of(this.beanFactory.getBeanNamesForType(type, true, false));
	}

	private static String limited(Set<String> places) {
		List<String> shown = places.stream().limit(MAX_PLACES).toList();
		return String.join(", ", shown) + ((places.size() > MAX_PLACES) ? " and " + (places.size() - MAX_PLACES)
				+ " more" : "");
	}

}
