package dev.poolstarter.settings;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Which profile, service and instance this application is, each with where it came from.
 * Selected once at start-up; every client's plan uses the same selection.
 *
 * @param profile the selected built-in profile
 * @param profileOrigin why that profile was selected
 * @param service the service name
 * @param serviceOrigin where the service name came from
 * @param instanceId the id of this instance
 * @author pool-starter
 * @since 0.1.0
 */
public record ProfileSelection(BuiltInProfile profile, String profileOrigin, String service, String serviceOrigin,
		String instanceId) {

	private static final String DEFAULT_SERVICE = "application";

	/**
	 * Select the profile, service and instance.
	 * @param profile {@code pool.profile}, or {@code null}
	 * @param profileOverrides the keys of {@code pool.profiles}
	 * @param activeProfiles the active Spring profiles, weakest first
	 * @param service {@code pool.service}, or {@code null}
	 * @param services the keys of {@code pool.services}
	 * @param applicationName {@code spring.application.name}, or {@code null}
	 * @param instanceId {@code pool.instance-id}, or {@code null} for host name and pid
	 * @return the selection
	 * @throws UnknownSelectionException when a profile or service name does not exist
	 */
	public static ProfileSelection select(@Nullable String profile, Collection<String> profileOverrides,
			String[] activeProfiles, @Nullable String service, Collection<String> services,
			@Nullable String applicationName, @Nullable String instanceId) {
		for (String name : profileOverrides) {
			if (!BuiltInProfile.profileNames().contains(name)) {
				throw new UnknownSelectionException("pool.profiles." + name, name, "profile",
						BuiltInProfile.profileNames());
			}
		}
		Choice<BuiltInProfile> chosenProfile = chooseProfile(profile, activeProfiles);
		Choice<String> chosenService = chooseService(service, services, applicationName);
		return new ProfileSelection(chosenProfile.value(), chosenProfile.origin(), chosenService.value(),
				chosenService.origin(), StringUtils.hasText(instanceId) ? instanceId : defaultInstanceId());
	}

	private static Choice<BuiltInProfile> chooseProfile(@Nullable String configured, String[] activeProfiles) {
		if (StringUtils.hasText(configured)) {
			BuiltInProfile profile = BuiltInProfile.fromName(configured)
				.orElseThrow(() -> new UnknownSelectionException("pool.profile", configured, "profile",
						BuiltInProfile.profileNames()));
			return new Choice<>(profile, "pool.profile");
		}
		List<String> active = new ArrayList<>(Arrays.asList(activeProfiles));
		for (int i = active.size() - 1; i >= 0; i--) {
			String name = active.get(i);
			BuiltInProfile profile = BuiltInProfile.fromName(name).orElse(null);
			if (profile != null) {
				return new Choice<>(profile, "active Spring profile '" + name + "'");
			}
		}
		return new Choice<>(BuiltInProfile.DEV, "default (no pool.profile, no matching Spring profile)");
	}

	private static Choice<String> chooseService(@Nullable String configured, Collection<String> services,
			@Nullable String applicationName) {
		if (StringUtils.hasText(configured)) {
			if (!services.isEmpty() && !services.contains(configured)) {
				throw new UnknownSelectionException("pool.service", configured, "service", List.copyOf(services));
			}
			return new Choice<>(configured, "pool.service");
		}
		if (StringUtils.hasText(applicationName)) {
			return new Choice<>(applicationName, "spring.application.name");
		}
		return new Choice<>(DEFAULT_SERVICE, "default (spring.application.name not set)");
	}

	private static String defaultInstanceId() {
		String host = System.getenv("HOSTNAME");
		if (!StringUtils.hasText(host)) {
			try {
				host = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				host = "localhost";
			}
		}
		return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
	}

	/**
	 * Return the name of the selected profile.
	 * @return the profile name, such as {@code prod}
	 */
	public String profileName() {
		return this.profile.profileName();
	}

	/**
	 * Describe the selection for start-up tables: service, profile and instance, with
	 * where each came from.
	 * @return the description
	 */
	public String describe() {
		return "service '" + this.service + "' (" + this.serviceOrigin + "), profile " + profileName() + " ("
				+ this.profileOrigin + "), instance " + this.instanceId;
	}

	/**
	 * Return the details that name this application in health and endpoint output.
	 * @return the service and the profile
	 */
	public Map<String, Object> identity() {
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("service", this.service);
		identity.put("profile", profileName());
		return identity;
	}

	private record Choice<T>(T value, String origin) {
	}

}
