package dev.poolstarter.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in profiles whose tables supply a pool's defaults.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public enum BuiltInProfile {

	/**
	 * A developer's machine: small, quiet pools and early leak reports.
	 */
	DEV("dev", "development"),

	/**
	 * A shared test environment.
	 */
	STAGING("staging", "stage"),

	/**
	 * Production with moderate traffic.
	 */
	PROD("prod", "production"),

	/**
	 * Production with high traffic: the sizing formula, capped at 30.
	 */
	PROD_HIGH_TRAFFIC("prod-high-traffic", "production-high-traffic"),

	/**
	 * One connection per function instance, behind an external pooler.
	 */
	SERVERLESS("serverless", "lambda");

	private final String profileName;

	private final String alias;

	BuiltInProfile(String profileName, String alias) {
		this.profileName = profileName;
		this.alias = alias;
	}

	/**
	 * Return the name used in {@code pool.profile} and Spring profiles.
	 * @return the profile name
	 */
	public String profileName() {
		return this.profileName;
	}

	/**
	 * Whether this profile serves production traffic, where mistakes fail start-up.
	 * @return whether this is a production profile
	 */
	public boolean isProduction() {
		return this == PROD || this == PROD_HIGH_TRAFFIC;
	}

	/**
	 * Find the profile with the given name or alias, ignoring case.
	 * @param name the name to look up
	 * @return the profile, if one has that name
	 */
	public static Optional<BuiltInProfile> fromName(String name) {
		String wanted = name.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter((tier) -> tier.profileName.equals(wanted) || tier.alias.equals(wanted))
			.findFirst();
	}

	/**
	 * Return the names of all profiles, for messages that list the valid ones.
	 * @return the profile names
	 */
	public static List<String> profileNames() {
		return Arrays.stream(values()).map(BuiltInProfile::profileName).toList();
	}

}
