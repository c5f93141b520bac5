package dev.poolstarter.sample;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads from PostgreSQL through the starter's pool: what the server says about this
 * connection, and whether the request ran on a virtual thread.
 *
 * @author pool-starter
 */
@RestController
class DatabaseController {

	// Thread.isVirtual() is Java 21; the sample compiles for Java 17
	private static final @Nullable Method IS_VIRTUAL = ReflectionUtils.findMethod(Thread.class, "isVirtual");

	private final JdbcTemplate jdbcTemplate;

	DatabaseController(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	@GetMapping("/api/database")
	Map<String, Object> database() {
		Map<String, Object> database = new LinkedHashMap<>(this.jdbcTemplate.queryForMap(
				"SELECT current_setting('server_version') AS server_version, "
						+ "current_setting('application_name') AS application_name, "
						+ "current_setting('statement_timeout') AS statement_timeout, "
						+ "current_setting('idle_in_transaction_session_timeout') AS idle_in_transaction_session_timeout, "
						+ "(SELECT count(*) FROM pg_stat_activity WHERE application_name = "
						+ "current_setting('application_name')) AS pool_connections"));
		database.put("virtual_thread", virtual(Thread.currentThread()));
		return database;
	}

	private static boolean virtual(Thread thread) {
		return IS_VIRTUAL != null && Boolean.TRUE.equals(ReflectionUtils.invokeMethod(IS_VIRTUAL, thread));
	}

}
