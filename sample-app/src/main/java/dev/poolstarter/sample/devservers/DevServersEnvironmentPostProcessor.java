package dev.poolstarter.sample.devservers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the sample a PostgreSQL, a Redis and a Kafka in the {@code dev} profile, each from
 * the first place that has one: the configuration, a server on its local port, the
 * sample's compose.yaml when Docker runs, or an embedded server it starts itself. It logs
 * which, and the embedded servers stop after the application context has closed.
 *
 * @author pool-starter
 */
class DevServersEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "sampleDevServers";

	static final String MODE_PROPERTY = "sample.dev-servers.mode";

	static final String PROFILE = "dev";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * How long the JVM shutdown hook waits for a closing context to stop the servers
	 * itself: longer than the sample's graceful shutdown.
	 */
	private static final Duration EXIT_GRACE = Duration.ofMinutes(2);

	private final Log logger;

	private final DevServerProbes probes;

	private final Function<DevServer, EmbeddedServer> starter;

	private final Path workingDirectory;

	// the only public constructor, which SpringFactoriesLoader picks
	public DevServersEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this(logFactory.getLog(DevServersEnvironmentPostProcessor.class), new SystemDevServerProbes(),
				DevServersEnvironmentPostProcessor::startEmbedded, Path.of(""));
	}

	DevServersEnvironmentPostProcessor(Log logger, DevServerProbes probes, Function<DevServer, EmbeddedServer> starter,
			Path workingDirectory) {
		this.logger = logger;
		this.probes = probes;
		this.starter = starter;
		this.workingDirectory = workingDirectory;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		DevServersMode mode = Binder.get(environment)
			.bind(MODE_PROPERTY, DevServersMode.class)
			.orElse(DevServersMode.AUTO);
		if (mode == DevServersMode.OFF || !environment.matchesProfiles(PROFILE)) {
			addLast(environment, DevServersProperties.composeDisabled());
			return;
		}
		ComposeFile composeFile = ComposeFile.find(this.workingDirectory, application.getClassLoader());
		List<Choice> choices = new DevServersPlanner(this.probes, composeFile).plan(environment, mode);
		DevServers servers = DevServers.start(embedded(choices), this.starter, START_TIMEOUT, EXIT_GRACE);
		if (!servers.isEmpty()) {
			application.addInitializers(new DevServersContextInitializer(servers));
		}
		addLast(environment, DevServersProperties.of(choices, servers, composeFile));
		this.logger.info(DevServersReport.of(mode, choices, servers, composeFile));
	}

	private static List<DevServer> embedded(List<Choice> choices) {
		return choices.stream()
			.filter((choice) -> choice.source() == Choice.Source.EMBEDDED)
			.map(Choice::server)
			.toList();
	}

	/**
	 * Add the properties below every other source: they only name servers that nothing
	 * configures, so the application's own settings still win.
	 */
	private static void addLast(ConfigurableEnvironment environment, Map<String, Object> properties) {
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

	static EmbeddedServer startEmbedded(DevServer server) {
		return switch (server) {
			case POSTGRES -> EmbeddedPostgresServer.start();
			case REDIS -> EmbeddedRedisServer.start();
			case KAFKA -> EmbeddedKafkaServer.start();
		};
	}

	/**
	 * Run after the config data post-processor, once the active profiles and the
	 * application's files are known, and after every other source of configuration.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
