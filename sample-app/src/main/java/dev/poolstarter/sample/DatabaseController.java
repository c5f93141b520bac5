package dev.poolstarter.sample;

import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads from PostgreSQL through the starter's pool: what the server says about this
 * connection.
 *
 * @author pool-starter
 */
@RestController
class DatabaseController {

	private final JdbcTemplate jdbcTemplate;

	DatabaseController(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	@GetMapping("/api/database")
	Map<String, Object> database() {
		return this.jdbcTemplate.queryForMap("SELECT current_setting('server_version') AS server_version, "
				+ "current_setting('application_name') AS application_name, "
				+ "current_setting('statement_timeout') AS statement_timeout, "
				+ "current_setting('idle_in_transaction_session_timeout') AS idle_in_transaction_session_timeout, "
				+ "(SELECT count(*) FROM pg_stat_activity WHERE application_name = "
				+ "current_setting('application_name')) AS pool_connections");
	}

}
