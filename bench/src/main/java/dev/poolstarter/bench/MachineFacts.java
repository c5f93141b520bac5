package dev.poolstarter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * What the results must say about the machine and the server.
 *
 * @param cores this host's cores (client and server share them when the server is local)
 * @param cpu the processor model
 * @param loadAverage the one-minute load average before the run
 * @param java the JVM
 * @param serverVersion PostgreSQL's version
 * @param maxConnections the server's max_connections
 * @param reservedConnections superuser_reserved_connections
 * @param synchronousCommit the server's synchronous_commit
 * @param otherSessions other client sessions on the server before the run
 */
record MachineFacts(int cores, String cpu, String loadAverage, String java, String serverVersion, int maxConnections,
		int reservedConnections, String synchronousCommit, int otherSessions) {

	static MachineFacts read(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_setting('server_version'),"
						+ " current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int,"
						+ " current_setting('synchronous_commit'), (SELECT count(*) FROM pg_stat_activity"
						+ " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid())")) {
			result.next();
			return new MachineFacts(Runtime.getRuntime().availableProcessors(), readCpu(), readLoadAverage(),
					System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), result.getString(1),
					result.getInt(2), result.getInt(3), result.getString(4), result.getInt(5));
		}
	}

	private static String readCpu() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).strip())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static String readLoadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

}
