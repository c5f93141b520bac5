package dev.poolstarter.sample.devservers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Tests for {@link DevServersPlanner}.
 */
class DevServersPlannerTests {

	private static final ComposeFile COMPOSE = new ComposeFile(Path.of("/project/compose.yaml"), "compose.yaml");

	private final MockEnvironment environment = new MockEnvironment();

	private final DevServerProbes probes = mock(DevServerProbes.class);

	@ParameterizedTest(name = "{1}")
	@MethodSource("addressKeys")
	void serverNamedByAnyOfItsKeysIsConfiguredAndNotProbed(DevServer server, String key) {
		this.environment.setProperty(key, "value");
		Choice choice = plan(DevServersMode.AUTO).get(server.ordinal());
		assertThat(choice).isEqualTo(Choice.configured(server, key));
		then(this.probes).should(never()).answers(server.localPort());
	}

	static Stream<Arguments> addressKeys() {
		return Stream.of(DevServer.values())
			.flatMap((server) -> server.addressKeys().stream().map((key) -> Arguments.of(server, key)));
	}

	@Test
	void propertyGivenAsEnvironmentVariableIsConfigured() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env",
					Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://db/app")));
		assertThat(planner().plan(environment, DevServersMode.AUTO).get(0))
			.isEqualTo(Choice.configured(DevServer.POSTGRES, "spring.datasource.url"));
	}

	@Test
	void indexedClusterNodesAreConfigured() {
		this.environment.setProperty("spring.data.redis.cluster.nodes[0]", "redis-1:6379");
		assertThat(plan(DevServersMode.AUTO).get(1)).isEqualTo(Choice.configured(DevServer.REDIS,
				"spring.data.redis.cluster.nodes"));
	}

	@Test
	void blankValueIsNotConfiguration() {
		this.environment.setProperty("spring.datasource.url", " ");
		assertThat(plan(DevServersMode.AUTO).get(0).source()).isEqualTo(Choice.Source.EMBEDDED);
	}

	@Test
	void serverOnItsLocalPortIsUsed() {
		given(this.probes.answers(6379)).willReturn(true);
		assertThat(plan(DevServersMode.AUTO)).extracting(Choice::source)
			.containsExactly(Choice.Source.EMBEDDED, Choice.Source.LOCAL, Choice.Source.EMBEDDED);
	}

	@Test
	void dockerComposeRunsOnlyWhatIsMissingWhenDockerRuns() {
		this.environment.setProperty("KAFKA_BROKERS", "broker:9092");
		given(this.probes.answers(5432)).willReturn(true);
		given(this.probes.dockerRuns()).willReturn(true);
		assertThat(plan(DevServersMode.AUTO)).containsExactly(Choice.of(DevServer.POSTGRES, Choice.Source.LOCAL),
				Choice.of(DevServer.REDIS, Choice.Source.DOCKER_COMPOSE),
				Choice.configured(DevServer.KAFKA, "KAFKA_BROKERS"));
	}

	@Test
	void dockerIsNotAskedWhenNothingIsMissing() {
		given(this.probes.answers(anyInt())).willReturn(true);
		assertThat(plan(DevServersMode.AUTO)).extracting(Choice::source).containsOnly(Choice.Source.LOCAL);
		then(this.probes).should(never()).dockerRuns();
	}

	@Test
	void embeddedWhenDockerDoesNotRun() {
		given(this.probes.dockerRuns()).willReturn(false);
		assertThat(plan(DevServersMode.AUTO)).extracting(Choice::source).containsOnly(Choice.Source.EMBEDDED);
	}

	@Test
	void embeddedWithoutComposeFileEvenWhenDockerRuns() {
		given(this.probes.dockerRuns()).willReturn(true);
		List<Choice> choices = new DevServersPlanner(this.probes, null).plan(this.environment, DevServersMode.AUTO);
		assertThat(choices).extracting(Choice::source).containsOnly(Choice.Source.EMBEDDED);
		then(this.probes).should(never()).dockerRuns();
	}

	@Test
	void embeddedModeNeverUsesLocalServersNorDocker() {
		given(this.probes.answers(anyInt())).willReturn(true);
		given(this.probes.dockerRuns()).willReturn(true);
		assertThat(plan(DevServersMode.EMBEDDED)).extracting(Choice::source).containsOnly(Choice.Source.EMBEDDED);
		then(this.probes).shouldHaveNoInteractions();
	}

	@Test
	void embeddedModeStillUsesWhatIsConfigured() {
		this.environment.setProperty("DATABASE_URL", "postgresql://db/app");
		assertThat(plan(DevServersMode.EMBEDDED)).containsExactly(
				Choice.configured(DevServer.POSTGRES, "DATABASE_URL"), Choice.of(DevServer.REDIS, Choice.Source.EMBEDDED),
				Choice.of(DevServer.KAFKA, Choice.Source.EMBEDDED));
	}

	@Test
	void firstKeyInTheStartersOrderIsReported() {
		this.environment.setProperty("spring.datasource.url", "jdbc:postgresql://db/app");
		this.environment.setProperty("pool.postgres.url", "postgresql://db/app");
		assertThat(plan(DevServersMode.AUTO).get(0).origin()).isEqualTo("pool.postgres.url");
	}

	private List<Choice> plan(DevServersMode mode) {
		return planner().plan(this.environment, mode);
	}

	private DevServersPlanner planner() {
		return new DevServersPlanner(this.probes, COMPOSE);
	}

}
