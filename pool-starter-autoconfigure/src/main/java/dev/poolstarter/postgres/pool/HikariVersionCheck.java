package dev.poolstarter.postgres.pool;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * Checks the HikariCP on the class path against virtual threads. Before 7.1.0, HikariCP's
 * {@code ConcurrentBag} spins with {@link Thread#yield()} while it hands a returned
 * connection to a waiting thread; a yield does not unmount a virtual thread, so under
 * contention the spin can keep every carrier thread busy (HikariCP issue 2398, fixed in
 * 7.1.0, which parks a virtual thread instead).
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class HikariVersionCheck {

	/**
	 * The first HikariCP version that parks a virtual thread rather than yielding.
	 */
	public static final String FIXED_VERSION = "7.1.0";

	private static final String CLASS_FILE = "com/zaxxer/hikari/HikariDataSource.class";

	private static final String POM_PROPERTIES = "META-INF/maven/com.zaxxer/HikariCP/pom.properties";

	private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)");

	private HikariVersionCheck() {
	}

	/**
	 * Return the warning to log when the application runs on virtual threads with a HikariCP
	 * older than {@value #FIXED_VERSION}, with the version to set.
	 * @param virtualThreads whether the application's threads are virtual
	 * @param version HikariCP's version, or {@code null} when it is not known
	 * @return the warning, or {@code null} when there is nothing to say
	 */
	public static @Nullable String warning(boolean virtualThreads, @Nullable String version) {
		if (!virtualThreads || version == null || !olderThanFixed(version)) {
			return null;
		}
		return "HikariCP " + version + " with virtual threads (spring.threads.virtual.enabled=true): its ConcurrentBag "
				+ "spins with Thread.yield() while it hands a connection to a waiting thread, which can keep every "
				+ "carrier thread busy when the pool is contended (HikariCP issue 2398, fixed in " + FIXED_VERSION
				+ "). Use HikariCP " + FIXED_VERSION + " or later: <hikaricp.version>" + FIXED_VERSION
				+ "</hikaricp.version> in the pom's properties (Maven), ext['hikaricp.version'] = '" + FIXED_VERSION
				+ "' (Gradle).";
	}

	/**
	 * Return the version of the HikariCP on the class path: the jar manifest's
	 * implementation version, else the version in the Maven {@code pom.properties} of the
	 * jar that holds {@link HikariDataSource}.
	 * @return the version, or {@code null} when neither says
	 */
	public static @Nullable String version() {
		String version = HikariDataSource.class.getPackage().getImplementationVersion();
		return (version != null) ? version : pomVersion();
	}

	private static boolean olderThanFixed(String version) {
		Matcher matcher = MAJOR_MINOR.matcher(version);
		if (!matcher.lookingAt()) {
			return false;
		}
		int major = Integer.parseInt(matcher.group(1));
		int minor = Integer.parseInt(matcher.group(2));
		return major < 7 || (major == 7 && minor < 1);
	}

	private static @Nullable String pomVersion() {
		URL classFile = HikariDataSource.class.getClassLoader().getResource(CLASS_FILE);
		if (classFile == null) {
			return null;
		}
		// another jar may carry HikariCP's pom.properties too (a shaded jar): read the one
		// beside the class
		String sameJar = classFile.toString().replace(CLASS_FILE, POM_PROPERTIES);
		try {
			for (URL candidate : Collections.list(HikariDataSource.class.getClassLoader().getResources(POM_PROPERTIES))) {
				if (candidate.toString().equals(sameJar)) {
					return load(candidate).getProperty("version");
				}
			}
		}
		catch (IOException ex) {
			// the version stays unknown, and nothing is logged
		}
		return null;
	}

	private static Properties load(URL url) throws IOException {
		Properties properties = new Properties();
		try (InputStream input = url.openStream()) {
			properties.load(input);
		}
		return properties;
	}

}
