package dev.poolstarter.sample.devservers;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link DevServerStartException}: the other ways to give the sample a server.
 *
 * @author pool-starter
 */
class DevServerStartFailureAnalyzer extends AbstractFailureAnalyzer<DevServerStartException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DevServerStartException cause) {
		DevServer server = cause.getServer();
		String keys = server.addressKeys()
			.stream()
			.filter((key) -> !key.startsWith("pool."))
			.collect(Collectors.joining(", "));
		String action = "Start " + server.product() + " on 127.0.0.1:" + server.localPort() + ", name a server with "
				+ keys + ", or start Docker so that the sample's compose.yaml runs it. "
				+ "Set sample.dev-servers.mode=off to use only what is configured.";
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}
