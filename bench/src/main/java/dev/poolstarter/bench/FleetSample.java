package dev.poolstarter.bench;

import java.util.List;

/**
 * One reading of a fleet: its connections on the server and each pool's maximum size.
 *
 * @param seconds when, from the fleet's start
 * @param fleetConnections the server's connections whose application_name starts with
 * the fleet's service name and a slash (pools, monitors and checks)
 * @param poolConnections those named exactly {@code <service>/<instance-id>}, the pools'
 * @param maximums each instance's maximum pool size, in start order, 0 while it runs no
 * pool
 */
record FleetSample(double seconds, int fleetConnections, int poolConnections, List<Integer> maximums) {
}
