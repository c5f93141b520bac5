package dev.poolstarter.postgres.statements;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where {@code pg_stat_statements} is in the pool's database, if anywhere, and what the
 * pool's role may know about the server's set-up, for the steps that enable it.
 *
 * @param schema the extension's schema, or {@code null} when it is not installed in the
 * database
 * @param version the extension's version, such as {@code 1.10}, or {@code null}
 * @param database the pool's database
 * @param role the pool's role
 * @param preloadLibraries the server's {@code shared_preload_libraries}, or {@code null}
 * when the role may not read it
 * @author pool-starter
 * @since 0.1.0
 */
public record StatementsExtension(@Nullable String schema, @Nullable String version, String database, String role,
		@Nullable String preloadLibraries) {

	/**
	 * Return whether {@code CREATE EXTENSION pg_stat_statements} has run in the database.
	 * @return whether the extension is installed
	 */
	public boolean installed() {
		return this.schema != null && this.version != null;
	}

	/**
	 * Return whether the view names execution times {@code mean_exec_time} and
	 * {@code total_exec_time}, as from version 1.8 (PostgreSQL 13), rather than
	 * {@code mean_time} and {@code total_time}.
	 * @return whether the columns have the newer names
	 */
	public boolean execTimeColumns() {
		return atLeast(1, 8);
	}

	/**
	 * Return whether the view {@code pg_stat_statements_info} gives the time of the last
	 * reset, as from version 1.9 (PostgreSQL 14).
	 * @return whether the time of the last reset is known
	 */
	public boolean resetTimeKnown() {
		return atLeast(1, 9);
	}

	/**
	 * Return the extension as the endpoint names it.
	 * @return the extension, its version and schema
	 */
	public String describe() {
		return "pg_stat_statements " + this.version + " (schema " + this.schema + ")";
	}

	/**
	 * Return whether the server loaded the library at start, from
	 * {@code shared_preload_libraries}.
	 * @return whether it is loaded, or {@code null} when the role may not read the setting
	 */
	public @Nullable Boolean preloaded() {
		if (this.preloadLibraries == null) {
			return null;
		}
		return Arrays.stream(this.preloadLibraries.split(","))
			.map((library) -> library.trim().replace("\"", ""))
			.anyMatch("pg_stat_statements"::equals);
	}

	/**
	 * Return what enables the extension, from what is missing.
	 * @param loadFailed whether reading the view failed because the server has not loaded
	 * the library
	 * @return the steps, in order
	 */
	public List<String> enableSteps(boolean loadFailed) {
		List<String> steps = new ArrayList<>();
		Boolean preloaded = preloaded();
		if (loadFailed || !Boolean.TRUE.equals(preloaded)) {
			steps.add("add pg_stat_statements to shared_preload_libraries (postgresql.conf, or the parameter group "
					+ "of a managed server: shared_preload_libraries = '" + preloadLibrariesWith()
					+ "') and restart the server"
					+ ((preloaded == null && !loadFailed) ? ", unless it is there already (role " + this.role
							+ " may not read the setting)" : ""));
		}
		if (!installed()) {
			steps.add("run CREATE EXTENSION pg_stat_statements; in database " + this.database + " as a superuser");
		}
		return steps;
	}

	/**
	 * Return the grant that lets the role see the text of other roles' statements.
	 * @return the statement to run as a superuser
	 */
	public String readAllStatsGrant() {
		return "GRANT pg_read_all_stats TO " + quoteIdentifier(this.role) + ";";
	}

	private String preloadLibrariesWith() {
		if (this.preloadLibraries == null || this.preloadLibraries.isBlank()) {
			return "pg_stat_statements";
		}
		if (Boolean.TRUE.equals(preloaded())) {
			return this.preloadLibraries.trim();
		}
		return this.preloadLibraries.trim() + ",pg_stat_statements";
	}

	private boolean atLeast(int major, int minor) {
		if (this.version == null) {
			return false;
		}
		int[] parts = Arrays.stream(this.version.split("\\.")).mapToInt(StatementsExtension::number).toArray();
		int actualMajor = (parts.length > 0) ? parts[0] : 0;
		int actualMinor = (parts.length > 1) ? parts[1] : 0;
		return actualMajor > major || (actualMajor == major && actualMinor >= minor);
	}

	private static int number(String part) {
		try {
			return Integer.parseInt(part.trim());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static String quoteIdentifier(String name) {
		return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
	}

}
