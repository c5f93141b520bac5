package dev.poolstarter.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time on Linux: all cores' ({@code /proc/stat}), PostgreSQL's processes' and this
 * JVM's, so that a run can say how the cores were shared between the clients, the server
 * and anything else on the machine. Ticks are the kernel's USER_HZ.
 *
 * @param machineBusyTicks busy ticks of all cores, or -1 when unknown
 * @param machineTotalTicks all ticks of all cores, or -1 when unknown
 * @param postgresTicks ticks of the processes named {@code postgres}, or -1 when unknown
 * @param processNanos this JVM's CPU time, or -1 when unknown
 * @param wallNanos {@link System#nanoTime()}
 */
record CpuUsage(long machineBusyTicks, long machineTotalTicks, long postgresTicks, long processNanos, long wallNanos) {

	static CpuUsage now() {
		long[] machine = machineTicks();
		return new CpuUsage(machine[0], machine[1], readPostgresTicks(), processCpuNanos(), System.nanoTime());
	}

	private static long[] machineTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < Math.min(fields.length, 9); i++) {
				total += Long.parseLong(fields[i]);
			}
			return new long[] { total - Long.parseLong(fields[4]) - Long.parseLong(fields[5]), total };
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { -1, -1 };
		}
	}

	private static long readPostgresTicks() {
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			return processes.filter((path) -> path.getFileName().toString().chars().allMatch(Character::isDigit))
				.mapToLong(CpuUsage::ticksIfPostgres)
				.sum();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	// /proc/<pid>/stat: pid (comm) state ... utime stime are the 14th and 15th fields
	private static long ticksIfPostgres(Path process) {
		try {
			String stat = Files.readString(process.resolve("stat"));
			int open = stat.indexOf('(');
			int close = stat.lastIndexOf(')');
			if (open < 0 || close < 0 || !stat.substring(open + 1, close).equals("postgres")) {
				return 0;
			}
			String[] fields = stat.substring(close + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean bean) {
			return bean.getProcessCpuTime();
		}
		return -1;
	}

	/**
	 * Return how the cores were used since an earlier snapshot.
	 * @param earlier the earlier snapshot
	 * @param cores the cores
	 * @return the shares of all cores
	 */
	Shares since(CpuUsage earlier, int cores) {
		long total = this.machineTotalTicks - earlier.machineTotalTicks;
		long wall = this.wallNanos - earlier.wallNanos;
		boolean machineKnown = this.machineTotalTicks >= 0 && earlier.machineTotalTicks >= 0 && total > 0;
		double busy = machineKnown ? (double) (this.machineBusyTicks - earlier.machineBusyTicks) / total : Double.NaN;
		double server = (machineKnown && this.postgresTicks >= 0 && earlier.postgresTicks >= 0)
				? Math.max(0, (double) (this.postgresTicks - earlier.postgresTicks) / total) : Double.NaN;
		double clients = (this.processNanos >= 0 && earlier.processNanos >= 0 && wall > 0)
				? (double) (this.processNanos - earlier.processNanos) / wall / cores : Double.NaN;
		return new Shares(busy, clients, server);
	}

	/**
	 * Shares of all cores over an interval.
	 *
	 * @param busy busy, by anything
	 * @param clients this JVM: the clients and the pool
	 * @param server PostgreSQL's processes
	 */
	record Shares(double busy, double clients, double server) {

		double other() {
			return Math.max(0, this.busy - this.clients - this.server);
		}

	}

}
