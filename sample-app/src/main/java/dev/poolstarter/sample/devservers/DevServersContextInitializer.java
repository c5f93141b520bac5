package dev.poolstarter.sample.devservers;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Hands the embedded servers to the application context, which stops them when it closes,
 * after every bean of the application, or when its refresh fails.
 *
 * @author pool-starter
 */
final class DevServersContextInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

	static final String BEAN_NAME = "sampleDevServers";

	private final DevServers servers;

	DevServersContextInitializer(DevServers servers) {
		this.servers = servers;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, this.servers);
		// registerSingleton alone never destroys the bean. Disposable beans are destroyed in
		// the reverse order of their registration: registered before any other, the servers
		// stop last, once pools have drained and Kafka clients have closed.
		((DefaultListableBeanFactory) beanFactory).registerDisposableBean(BEAN_NAME, this.servers::stop);
		this.servers.ownedBy(context);
	}

	DevServers getServers() {
		return this.servers;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
