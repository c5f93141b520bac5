package dev.poolstarter.sample.devservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.env.PropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Tests for {@link DevServersEnvironmentPostProcessor}.
 */
class DevServersEnvironmentPostProcessorTests {

	private final MockEnvironment environment = new MockEnvironment();

	private final SpringApplication application = new SpringApplication();

	private final DevServerProbes probes = mock(DevServerProbes.class);

	private final Log log = mock(Log.class);

	// written by the threads that start the servers side by side
	private final List<String> events = new CopyOnWriteArrayList<>();

	private final List<DevServer> started = new CopyOnWriteArrayList<>();

	private final Function<DevServer, EmbeddedServer> starter = (server) -> {
		this.started.add(server);
		return new FakeServer(server, 40000 + server.ordinal(), this.events);
	};

	@TempDir
	private Path workingDirectory;

	@AfterEach
	void stopServers() {
		initializer().ifPresent((initializer) -> initializer.getServers().stop());
	}

	@Test
	void outsideTheDevProfileStartsNothingAndKeepsDockerComposeOff() {
		this.environment.setActiveProfiles("prod");
		postProcess();
		assertThat(this.started).isEmpty();
		assertThat(initializer()).isEmpty();
		assertThat(devServersSource().getSource()).isEqualTo(Map.of("spring.docker.compose.enabled", false));
		then(this.probes).shouldHaveNoInteractions();
		then(this.log).shouldHaveNoInteractions();
	}

	@Test
	void devAsDefaultProfileTurnsThemOn() {
		this.environment.setDefaultProfiles("dev");
		given(this.probes.answers(anyInt())).willReturn(true);
		postProcess();
		assertThat(this.environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
	}

	@Test
	void modeOffUsesOnlyWhatIsConfigured() {
		this.environment.setActiveProfiles("dev");
		this.environment.setProperty("sample.dev-servers.mode", "off");
		postProcess();
		assertThat(this.started).isEmpty();
		assertThat(this.environment.getProperty("spring.docker.compose.enabled")).isEqualTo("false");
		assertThat(this.environment.getProperty("spring.datasource.url")).isNull();
		then(this.probes).shouldHaveNoInteractions();
	}

	@Test
	void localServersAreUsedAndNothingStarts() {
		this.environment.setActiveProfiles("dev");
		given(this.probes.answers(anyInt())).willReturn(true);
		postProcess();
		assertThat(this.started).isEmpty();
		assertThat(initializer()).isEmpty();
		assertThat(this.environment.getProperty("spring.datasource.username")).isEqualTo("postgres");
		assertThat(this.environment.getProperty("spring.data.redis.host")).isEqualTo("127.0.0.1");
		assertThat(this.environment.getProperty("spring.data.redis.port")).isEqualTo("6379");
		assertThat(this.environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("127.0.0.1:9092");
		assertThat(this.environment.getProperty("spring.docker.compose.enabled")).isEqualTo("false");
		assertThat(report()).containsPattern("postgres +local server on 127.0.0.1:5432")
			.containsPattern("redis +local server on 127.0.0.1:6379")
			.containsPattern("kafka +local server on 127.0.0.1:9092");
	}

	@Test
	void embeddedModeStartsAllThreeAndPointsTheApplicationAtThem() {
		this.environment.setActiveProfiles("dev");
		this.environment.setProperty("sample.dev-servers.mode", "embedded");
		postProcess();
		assertThat(this.started).containsExactlyInAnyOrder(DevServer.values());
		assertThat(this.environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:40000/postgres");
		assertThat(this.environment.getProperty("spring.data.redis.port")).isEqualTo("40001");
		assertThat(this.environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("127.0.0.1:40002");
		assertThat(initializer()).isPresent();
		assertThat(report()).startsWith("Dev servers (sample.dev-servers.mode=embedded):")
			.containsPattern("postgres +embedded PostgreSQL on 127.0.0.1:40000")
			.containsPattern("redis +embedded Redis on 127.0.0.1:40001")
			.containsPattern("kafka +embedded Kafka on 127.0.0.1:40002");
	}

	@Test
	void embeddedServersQuietTheirOwnLoggersUnlessTheApplicationSetsALevel() {
		this.environment.setActiveProfiles("dev");
		this.environment.setProperty("logging.level.kafka", "info");
		postProcessWith((server) -> new EmbeddedServer() {

			@Override
			public Address address() {
				return Address.loopback(1);
			}

			@Override
			public String description() {
				return "embedded";
			}

			@Override
			public List<String> quietLoggers() {
				return List.of("kafka", "org.apache.kafka.server");
			}

			@Override
			public void stop() {
			}

		});
		assertThat(this.environment.getProperty("logging.level.org.apache.kafka.server")).isEqualTo("warn");
		assertThat(this.environment.getProperty("logging.level.kafka")).isEqualTo("info");
	}

	@Test
	void dockerComposeGetsOnlyTheMissingServersAsProfiles() throws IOException {
		Path compose = Files.writeString(this.workingDirectory.resolve("compose.yaml"), "services: {}\n");
		this.environment.setActiveProfiles("dev");
		given(this.probes.answers(5432)).willReturn(true);
		given(this.probes.dockerRuns()).willReturn(true);
		postProcess();
		assertThat(this.started).isEmpty();
		assertThat(this.environment.getProperty("spring.docker.compose.enabled")).isEqualTo("true");
		assertThat(this.environment.getProperty("spring.docker.compose.file")).isEqualTo(compose.toString());
		assertThat(this.environment.getProperty("spring.docker.compose.profiles.active")).isEqualTo("redis,kafka");
		assertThat(this.environment.getProperty("spring.data.redis.host")).as("a service connection").isNull();
		assertThat(this.environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("127.0.0.1:9092");
		assertThat(report()).containsPattern("redis +Docker Compose \\(compose.yaml, profile redis\\)")
			.containsPattern("kafka +Docker Compose \\(compose.yaml, profile kafka\\) on 127.0.0.1:9092");
	}

	@Test
	void composeFileOfTheSampleIsFoundFromTheRepositoryRoot() throws IOException {
		Files.createDirectories(this.workingDirectory.resolve("sample-app"));
		Files.writeString(this.workingDirectory.resolve("sample-app/compose.yaml"), "services: {}\n");
		this.environment.setActiveProfiles("dev");
		given(this.probes.dockerRuns()).willReturn(true);
		postProcess();
		assertThat(report()).contains("Docker Compose (sample-app/compose.yaml, profile postgres)");
	}

	@Test
	void withoutComposeFileDockerIsNotAsked() {
		this.environment.setActiveProfiles("dev");
		postProcess();
		then(this.probes).should(never()).dockerRuns();
		assertThat(this.started).containsExactlyInAnyOrder(DevServer.values());
	}

	@Test
	void applicationSettingsWinOverTheDevServers() {
		this.environment.setActiveProfiles("dev");
		this.environment.setProperty("spring.datasource.username", "app");
		this.environment.setProperty("spring.docker.compose.enabled", "true");
		given(this.probes.answers(anyInt())).willReturn(true);
		postProcess();
		assertThat(this.environment.getProperty("spring.datasource.username")).isEqualTo("app");
		assertThat(this.environment.getProperty("spring.docker.compose.enabled")).isEqualTo("true");
	}

	@Test
	void unknownModeFailsWithTheBindersMessage() {
		this.environment.setActiveProfiles("dev");
		this.environment.setProperty("sample.dev-servers.mode", "docker");
		assertThatExceptionOfType(BindException.class).isThrownBy(this::postProcess)
			.withMessageContaining("sample.dev-servers.mode");
		assertThat(this.started).isEmpty();
	}

	@Test
	void reportNamesTheConfiguringKeyButNeverItsValue() {
		this.environment.setActiveProfiles("dev");
		this.environment.setProperty("DATABASE_URL", "postgresql://app:s3cr3t@db.internal:5432/app");
		given(this.probes.answers(anyInt())).willReturn(true);
		postProcess();
		assertThat(report()).containsPattern("postgres +configured \\(DATABASE_URL\\)")
			.doesNotContain("s3cr3t")
			.doesNotContain("db.internal");
		assertThat(this.environment.getProperty("spring.datasource.url")).isNull();
	}

	private void postProcess() {
		postProcessWith(this.starter);
	}

	private void postProcessWith(Function<DevServer, EmbeddedServer> starter) {
		new DevServersEnvironmentPostProcessor(this.log, this.probes, starter, this.workingDirectory)
			.postProcessEnvironment(this.environment, this.application);
	}

	private PropertySource<?> devServersSource() {
		return this.environment.getPropertySources().get(DevServersEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
	}

	private String report() {
		ArgumentCaptor<Object> message = ArgumentCaptor.forClass(Object.class);
		then(this.log).should().info(message.capture());
		return message.getValue().toString();
	}

	private Optional<DevServersContextInitializer> initializer() {
		return this.application.getInitializers()
			.stream()
			.filter(DevServersContextInitializer.class::isInstance)
			.map(DevServersContextInitializer.class::cast)
			.findFirst();
	}

}
