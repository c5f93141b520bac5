package dev.poolstarter.postgres.server;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Who holds the server's connections, from {@code pg_stat_activity}: the instances of a
 * service live now (each names its connections {@code <service>/<instance-id>}), the
 * pool connections they hold, and the connections of every other application.
 *
 * @param instances ids of the service's instances that hold a connection, sorted
 * @param fleetPoolConnections connections named exactly {@code <service>/<instance-id>},
 * without the monitors' {@code /monitor} suffix
 * @param otherConnections client connections of other applications on the server
 * @author pool-starter
 * @since 0.1.0
 */
public record FleetCensus(List<String> instances, int fleetPoolConnections, int otherConnections) {

	/**
	 * The census of a server that has not answered.
	 */
	public static final FleetCensus NONE = new FleetCensus(List.of(), 0, 0);

	private static final String SERVICE = "a.application_name LIKE ? ESCAPE '\\'";

	/**
	 * Select-list item of the instance ids: the part of application_name between the
	 * service's slash and the next one. Parameters: the start of the id (service length
	 * + 2), then the service's LIKE pattern.
	 */
	static final String INSTANCES_COLUMN = "coalesce(array_agg(DISTINCT split_part(substr(a.application_name, ?), "
			+ "'/', 1)) FILTER (WHERE " + SERVICE + "), '{}')";

	/**
	 * Select-list item of the pool connections of the fleet. Parameters: the service's
	 * LIKE pattern, then the start of the id.
	 */
	static final String POOL_CONNECTIONS_COLUMN = "count(*) FILTER (WHERE " + SERVICE
			+ " AND strpos(substr(a.application_name, ?), '/') = 0)";

	private static final String SQL = "SELECT " + INSTANCES_COLUMN + ", " + POOL_CONNECTIONS_COLUMN + ", "
			+ "count(*) FILTER (WHERE NOT " + SERVICE + ") "
			+ "FROM pg_stat_activity a WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()";

	/**
	 * Count the service's instances and the other applications' connections, leaving out
	 * the connection that asks.
	 * @param connection a connection to the server
	 * @param service the service name that starts every instance's application_name
	 * @return the census
	 * @throws SQLException when the query fails
	 */
	public static FleetCensus read(Connection connection, String service) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(SQL)) {
			int next = bindInstances(statement, 1, service);
			next = bindPoolConnections(statement, next, service);
			statement.setString(next, pattern(service));
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				return new FleetCensus(instances(row.getArray(1)), row.getInt(2), row.getInt(3));
			}
		}
	}

	static int bindInstances(PreparedStatement statement, int parameter, String service) throws SQLException {
		statement.setInt(parameter, service.length() + 2);
		statement.setString(parameter + 1, pattern(service));
		return parameter + 2;
	}

	static int bindPoolConnections(PreparedStatement statement, int parameter, String service) throws SQLException {
		statement.setString(parameter, pattern(service));
		statement.setInt(parameter + 1, service.length() + 2);
		return parameter + 2;
	}

	static List<String> instances(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return List.copyOf(new TreeSet<>(Arrays.asList((String[]) array.getArray())));
	}

	static String pattern(String service) {
		return service.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%";
	}

	/**
	 * Return the id an application_name gives its instance, when it has the
	 * {@code <service>/<instance-id>} form.
	 * @param service the service name
	 * @param applicationName the pool's application_name
	 * @return the instance id, or {@code null} when the name has another form
	 */
	public static @Nullable String instanceOf(String service, String applicationName) {
		String prefix = service + "/";
		if (!applicationName.startsWith(prefix) || applicationName.length() == prefix.length()) {
			return null;
		}
		String id = applicationName.substring(prefix.length());
		int slash = id.indexOf('/');
		return (slash >= 0) ? id.substring(0, slash) : id;
	}

	/**
	 * Return how many instances are live, counting the given one even before it holds a
	 * connection.
	 * @param self this instance's id, or {@code null} when its application_name does not
	 * name it
	 * @return the live instances, at least 1
	 */
	public int liveInstances(@Nullable String self) {
		if (self == null) {
			return this.instances.size() + 1;
		}
		return this.instances.contains(self) ? this.instances.size() : this.instances.size() + 1;
	}

	/**
	 * Describe the live instances, such as {@code orders/a, /b, /c}.
	 * @param service the service name
	 * @param self this instance's id, or {@code null}
	 * @return the description
	 */
	public String describeInstances(String service, @Nullable String self) {
		TreeSet<String> ids = new TreeSet<>(this.instances);
		if (self != null) {
			ids.add(self);
		}
		StringBuilder text = new StringBuilder();
		for (String id : ids) {
			text.append((text.length() == 0) ? service + "/" : ", /").append(id);
			if (id.equals(self) && !this.instances.contains(self)) {
				text.append(" (this one, starting)");
			}
		}
		return text.toString();
	}

}
