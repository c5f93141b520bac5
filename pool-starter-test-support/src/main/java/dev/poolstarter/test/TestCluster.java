package dev.poolstarter.test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server private to a test, for settings the shared server must not change
 * (such as {@code shared_preload_libraries}): made with {@code initdb} from the local
 * server binaries, as {@link TestReplica}'s primary is, in a temporary directory on a free
 * loopback port. It trusts every login but those from {@link TestPostgres#passwordChecked()}'s
 * group. Without binaries it fails and says how to get them; it never skips. It is
 * removed on {@link #close()}, or when the JVM exits.
 *
 * @author pool-starter
 */
public final class TestCluster implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TestCluster.class);

	private static final Map<String, String> SETTINGS = Map.of("max_connections", "40", "shared_buffers", "16MB",
			"fsync", "off");

	private final LocalCluster cluster;

	private final TestPostgres.Server server;

	private TestCluster(LocalCluster cluster, TestPostgres.Server server) {
		this.cluster = cluster;
		this.server = server;
	}

	/**
	 * Make and start a private server.
	 * @param settings settings of its {@code postgresql.conf}, beside small defaults
	 * @return the running server
	 */
	public static TestCluster start(Map<String, String> settings) {
		Path bindir = TestReplica.findBindir();
		Map<String, String> all = new LinkedHashMap<>(SETTINGS);
		all.putAll(settings);
		LocalCluster cluster = LocalCluster.initdb(bindir, all, PasswordCheckedRoles.privateClusterHba());
		try {
			cluster.start();
			TestCluster started = new TestCluster(cluster,
					new TestPostgres.Server(TestPostgres.Source.PRIVATE_CLUSTER,
							"jdbc:postgresql://127.0.0.1:" + cluster.port() + "/postgres", "postgres", null,
							"private server on 127.0.0.1:" + cluster.port() + " (" + bindir + ", " + settings + ")"));
			logger.info("Tests use {}", started.server.description());
			return started;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/**
	 * Return the server, as its superuser {@code postgres}, database {@code postgres}.
	 * @return the server
	 */
	public TestPostgres.Server server() {
		return this.server;
	}

	/**
	 * Return what the server logged so far.
	 * @return the log
	 */
	public String log() {
		return this.cluster.log();
	}

	@Override
	public void close() {
		this.cluster.close();
	}

	@Override
	public String toString() {
		return this.server.description();
	}

}
