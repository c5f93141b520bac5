package dev.poolstarter.bench;

/**
 * One reading of a HikariCP pool's MXBeans.
 *
 * @param seconds when, from the start of the scenario
 * @param maximum the maximum pool size (what a sizing controller sets)
 * @param total the connections the pool holds
 * @param active the borrowed ones
 * @param waiting threads waiting for a connection
 */
record SizeSample(double seconds, int maximum, int total, int active, int waiting) {
}
