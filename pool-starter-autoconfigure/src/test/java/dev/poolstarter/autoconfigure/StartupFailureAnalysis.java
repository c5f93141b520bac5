package dev.poolstarter.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts a context that must fail and explains the failure the way {@code SpringApplication}
 * does: through Spring Boot's {@code FailureAnalyzers}, given the failed context's bean
 * factory and environment, so that Spring Boot's own analyzers take part and print the
 * origin of a property.
 */
public final class StartupFailureAnalysis {

	private static final ThreadLocal<FailureAnalysis> reported = new ThreadLocal<>();

	private StartupFailureAnalysis() {
	}

	/**
	 * Run the context, expect its start-up to fail, and return the analysis Spring Boot
	 * prints for it.
	 * @param contextRunner the runner, with the bad input
	 * @return the analysis
	 */
	public static FailureAnalysis of(ApplicationContextRunner contextRunner) {
		AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
		AtomicReference<FailureAnalysis> analysis = new AtomicReference<>();
		contextRunner.withInitializer(started::set).run((context) -> {
			assertThat(context).as("start-up with the bad input").hasFailed();
			analysis.set(analyze(started.get(), context.getStartupFailure()));
		});
		return analysis.get();
	}

	/**
	 * Return the analysis Spring Boot prints for a start-up failure.
	 * @param context the context that failed
	 * @param failure the failure
	 * @return the analysis
	 */
	public static FailureAnalysis analyze(ConfigurableApplicationContext context, Throwable failure) {
		reported.remove();
		try {
			boolean explained = SpringFactoriesLoader.forDefaultResourceLocation(context.getClassLoader())
				.load(SpringBootExceptionReporter.class,
						ArgumentResolver.of(ConfigurableApplicationContext.class, context))
				.stream()
				.anyMatch((reporter) -> reporter.reportException(failure));
			assertThat(explained).as("a failure analyzer explains %s", failure).isTrue();
			return reported.get();
		}
		finally {
			reported.remove();
		}
	}

	/**
	 * Keeps what Spring Boot's {@code FailureAnalyzers} reports, beside its log output;
	 * registered in the tests' {@code META-INF/spring.factories}.
	 */
	public static final class Recorder implements FailureAnalysisReporter {

		@Override
		public void report(FailureAnalysis analysis) {
			reported.set(analysis);
		}

	}

}
