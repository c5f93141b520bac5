package dev.poolstarter.sample.devservers;

/**
 * Where one server comes from.
 *
 * @param server the server
 * @param source where it comes from
 * @param origin the key that configures it, for {@link Source#CONFIGURED}; empty otherwise
 * @author pool-starter
 */
record Choice(DevServer server, Source source, String origin) {

	static Choice configured(DevServer server, String key) {
		return new Choice(server, Source.CONFIGURED, key);
	}

	static Choice of(DevServer server, Source source) {
		return new Choice(server, source, "");
	}

	/**
	 * Where a server comes from, in the order they are tried.
	 */
	enum Source {

		/**
		 * A property or environment variable names it: the sample adds nothing.
		 */
		CONFIGURED,

		/**
		 * A server answers on the default port of 127.0.0.1.
		 */
		LOCAL,

		/**
		 * Spring Boot's Docker Compose support starts it from the sample's compose.yaml.
		 */
		DOCKER_COMPOSE,

		/**
		 * The sample starts it in or next to this JVM and stops it at exit.
		 */
		EMBEDDED

	}

}
