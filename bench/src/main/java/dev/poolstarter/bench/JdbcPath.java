package dev.poolstarter.bench;

import java.util.List;
import java.util.Optional;

/**
 * Where the JDBC path through the starter's pool is compared with pgbench: the same SQL
 * on the same number of server connections, the starter's pool at the smallest client
 * count that keeps all of its connections busy, and pgbench with one client per
 * connection, run right after it in each round.
 *
 * @param clients the workload's client count
 * @param connections the server connections on both sides, pgbench's clients
 */
record JdbcPath(int clients, int connections) {

	/**
	 * Return where to compare, for the given client counts and the starter's pool size.
	 * @param clients the workload's client counts
	 * @param starterSize the starter's pool size, 0 when unknown
	 * @return the comparison's place, empty when the starter's size is unknown
	 */
	static Optional<JdbcPath> of(List<Integer> clients, int starterSize) {
		if (starterSize <= 0 || clients.isEmpty()) {
			return Optional.empty();
		}
		int connections = Math.min(starterSize, clients.stream().mapToInt(Integer::intValue).max().getAsInt());
		int workload = clients.stream().filter((count) -> count >= connections).mapToInt(Integer::intValue).min().getAsInt();
		return Optional.of(new JdbcPath(workload, connections));
	}

}
