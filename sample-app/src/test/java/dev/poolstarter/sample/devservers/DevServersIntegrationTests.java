package dev.poolstarter.sample.devservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Starts the real embedded servers through Spring Boot, as {@code spring-boot:run} does:
 * they answer while the application runs, and no port nor process is left once it has
 * closed or failed to start.
 */
class DevServersIntegrationTests {

	private static final String[] EMBEDDED = { "--spring.profiles.active=dev", "--sample.dev-servers.mode=embedded",
			"--spring.main.banner-mode=off" };

	@Test
	void embeddedServersAnswerWhileTheApplicationRunsAndAreGoneAfterItCloses() throws Exception {
		Servers servers;
		try (ConfigurableApplicationContext context = application(Empty.class).run(EMBEDDED)) {
			servers = Servers.of(context.getEnvironment());
			assertThat(selectOne(servers.postgres())).isEqualTo(1);
			assertThat(query(servers.postgres(), "SELECT count(*) FROM pg_stat_statements"))
				.as("pg_stat_statements is loaded and installed")
				.isPositive();
			assertThat(redis(servers.redis(), "PING")).isEqualTo("+PONG");
			assertThat(kafkaNodes(servers.kafka())).hasSize(1);
			assertThat(System.getProperty("spring.kafka.bootstrap-servers"))
				.as("the broker's address stays out of the JVM's system properties, which outlive it")
				.isNull();
			assertThat(servers.processes()).extracting((process) -> process.info().command().orElse(""))
				.anyMatch((command) -> command.endsWith("/postgres"))
				.anyMatch((command) -> command.contains("redis-server"));
		}
		assertGone(servers);
	}

	@Test
	void embeddedServersAreGoneWhenStartUpFails() {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> application(Broken.class).run(EMBEDDED))
			.withStackTraceContaining("broken on purpose");
		assertGone(Broken.servers);
	}

	private static SpringApplication application(Class<?> configuration) {
		SpringApplication application = new SpringApplication(configuration);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application;
	}

	private static void assertGone(Servers servers) {
		for (Address address : List.of(servers.postgres(), servers.redis(), servers.kafka())) {
			assertThat(accepts(address)).as("something still listens on %s", address).isFalse();
		}
		// pg_ctl returns once the postmaster has removed its pid file, just before it exits
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(servers.processes()).as("postgres and redis-server processes")
				.noneMatch(ProcessHandle::isAlive));
	}

	private static int selectOne(Address postgres) throws SQLException {
		return (int) query(postgres, "SELECT 1");
	}

	private static long query(Address postgres, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + postgres + "/postgres",
				"postgres", "");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private static String redis(Address redis, String command) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(redis.host(), redis.port()), 1000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int read = in.read(); read >= 0 && read != '\r'; read = in.read()) {
				line.append((char) read);
			}
			return line.toString();
		}
	}

	private static List<Node> kafkaNodes(Address kafka) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.toString()))) {
			return List.copyOf(admin.describeCluster(new DescribeClusterOptions().timeoutMs(30000))
				.nodes()
				.get(30, TimeUnit.SECONDS));
		}
	}

	private static boolean accepts(Address address) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address.host(), address.port()), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Return the server processes: postgres by the port on its command line, since it is
	 * re-parented to init; redis-server among this JVM's children, since it rewrites its
	 * command line.
	 */
	private static List<ProcessHandle> serverProcesses(int postgresPort) {
		Stream<ProcessHandle> postgres = ProcessHandle.allProcesses()
			.filter((process) -> process.info()
				.commandLine()
				.filter((line) -> line.contains("postgres") && line.contains(" -p " + postgresPort + " "))
				.isPresent());
		Stream<ProcessHandle> redis = ProcessHandle.current()
			.descendants()
			.filter((process) -> process.info().command().filter((command) -> command.contains("redis-server")).isPresent());
		return Stream.concat(postgres, redis).toList();
	}

	record Servers(Address postgres, Address redis, Address kafka, List<ProcessHandle> processes) {

		static Servers of(Environment environment) {
			String url = environment.getRequiredProperty("spring.datasource.url");
			Address postgres = Address.parse(url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", ""));
			return new Servers(postgres,
					Address.loopback(environment.getRequiredProperty("spring.data.redis.port", Integer.class)),
					Address.parse(environment.getRequiredProperty("spring.kafka.bootstrap-servers")),
					serverProcesses(postgres.port()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

	@Configuration(proxyBeanMethods = false)
	static class Broken {

		static Servers servers;

		@Bean
		Object broken(Environment environment) {
			servers = Servers.of(environment);
			throw new IllegalStateException("broken on purpose");
		}

	}

}
