package dev.poolstarter.redis.metrics;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads the counters of commons-pool2 pools from their JMX MBeans: Spring Data Redis keeps
 * its pools private, and the MBean is the pool's own public view of them.
 *
 * @author pool-starter
 */
class CommonsPoolStatistics {

	private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

	private final ObjectName pattern;

	CommonsPoolStatistics(String jmxNamePrefix) {
		try {
			this.pattern = new ObjectName("org.apache.commons.pool2:type=GenericObjectPool,name=" + jmxNamePrefix + "*");
		}
		catch (JMException ex) {
			throw new IllegalArgumentException("Invalid JMX name prefix '" + jmxNamePrefix + "'", ex);
		}
	}

	/**
	 * Return the sum of an attribute over every pool of the client; a client may hold one
	 * pool per connection type.
	 */
	double sum(String attribute) {
		return values(attribute).sum();
	}

	/**
	 * Return the largest value of an attribute over the client's pools, for limits that
	 * each pool has on its own.
	 */
	double max(String attribute) {
		return values(attribute).max().orElse(0);
	}

	private java.util.stream.DoubleStream values(String attribute) {
		java.util.stream.DoubleStream.Builder values = java.util.stream.DoubleStream.builder();
		for (ObjectName name : this.server.queryNames(this.pattern, null)) {
			try {
				values.add(((Number) this.server.getAttribute(name, attribute)).doubleValue());
			}
			catch (JMException ex) {
				// the pool closed between the query and the read
			}
		}
		return values.build();
	}

}
