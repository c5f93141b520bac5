package dev.poolstarter.sample.devservers;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DevServerStartFailureAnalyzer}.
 */
class DevServerStartFailureAnalyzerTests {

	private final DevServerStartFailureAnalyzer analyzer = new DevServerStartFailureAnalyzer();

	@Test
	void namesTheServerAndTheOtherWaysToGetOne() {
		FailureAnalysis analysis = this.analyzer.analyze(new DevServerStartException(DevServer.POSTGRES,
				"no answer within 60 s", new IllegalStateException("slow")));
		assertThat(analysis.getDescription()).isEqualTo("Embedded PostgreSQL did not start: no answer within 60 s");
		assertThat(analysis.getAction()).contains("127.0.0.1:5432")
			.contains("DATABASE_URL, spring.datasource.url")
			.contains("compose.yaml")
			.contains("sample.dev-servers.mode=off");
	}

	@Test
	void ignoresOtherFailures() {
		assertThat(this.analyzer.analyze(new IllegalStateException("unrelated"))).isNull();
	}

}
