package dev.poolstarter.settings;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.CredentialsSanitizingAutoConfiguration;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CredentialsSanitizingFunction}.
 */
class CredentialsSanitizingFunctionTests {

	private final MockEnvironment environment = new MockEnvironment()
		.withProperty("DATABASE_URL", "postgresql://app:hunter2@db:5432/orders?connection_limit=20")
		.withProperty("pool.postgres.password", "hunter3")
		.withProperty("spring.datasource.url", "jdbc:postgresql://db/orders?password=hunter4")
		.withProperty("pool.postgres.pgbouncer-admin-url", "postgresql://stats:s3cret@pgbouncer:6432/pgbouncer")
		.withProperty("pool.postgres.replicas",
				"jdbc:postgresql://r1:5432,r2:5432/orders?user=app&password=a,b&targetServerType=preferSecondary, "
						+ "postgresql://app:c@d@r3/orders")
		.withProperty("sun.java.command", "app.jar --pool.postgres.url=postgresql://app:hunter5@db/orders --x=1")
		.withProperty("pool.profile", "prod");

	private final EnvironmentEndpoint endpoint = new EnvironmentEndpoint(this.environment,
			List.of(new CredentialsSanitizingFunction()), Show.ALWAYS);

	@Test
	void masksThePasswordInsideDatabaseUrls() {
		assertThat(value("DATABASE_URL")).isEqualTo("postgresql://app:****@db:5432/orders?connection_limit=20");
		assertThat(value("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/orders?password=****");
		assertThat(value("pool.postgres.pgbouncer-admin-url"))
			.isEqualTo("postgresql://stats:****@pgbouncer:6432/pgbouncer");
	}

	@Test
	void masksEachUrlOfAListWithoutSplittingAMultiHostUrl() {
		assertThat(value("pool.postgres.replicas")).isEqualTo(
				"jdbc:postgresql://r1:5432,r2:5432/orders?user=app&password=****&targetServerType=preferSecondary, "
						+ "postgresql://app:****@r3/orders");
	}

	@Test
	void masksUrlsWhateverTheKey() {
		assertThat(value("sun.java.command"))
			.isEqualTo("app.jar --pool.postgres.url=postgresql://app:****@db/orders --x=1");
	}

	@Test
	void hidesPasswordProperties() {
		assertThat(value("pool.postgres.password")).isEqualTo("******");
	}

	@Test
	void leavesOtherValuesReadable() {
		assertThat(value("pool.profile")).isEqualTo("prod");
	}

	@Test
	void isRegisteredWhenTheActuatorIsPresent() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CredentialsSanitizingAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(SanitizingFunction.class));
	}

	private Object value(String name) {
		return this.endpoint.environmentEntry(name).getProperty().getValue();
	}

}
