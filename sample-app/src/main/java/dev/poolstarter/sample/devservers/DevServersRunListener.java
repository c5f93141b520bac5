package dev.poolstarter.sample.devservers;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops the embedded servers when start-up fails before an application context owns them,
 * for example in a later environment post-processor or while logging is set up. Without
 * it the in-process Kafka broker's threads would keep the JVM alive and redis-server and
 * postgres would outlive it.
 *
 * @author pool-starter
 */
class DevServersRunListener implements SpringApplicationRunListener {

	private final SpringApplication application;

	DevServersRunListener(SpringApplication application, String[] args) {
		this.application = application;
	}

	@Override
	public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
		if (context != null && context.isActive()) {
			// SpringApplication closes it next, which stops the servers after its beans
			return;
		}
		this.application.getInitializers()
			.stream()
			.filter(DevServersContextInitializer.class::isInstance)
			.map(DevServersContextInitializer.class::cast)
			.forEach((initializer) -> initializer.getServers().stop());
	}

}
