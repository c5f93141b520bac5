package dev.poolstarter.settings;

import java.util.List;

/**
 * Thrown when a property names a profile or a service that does not exist.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class UnknownSelectionException extends RuntimeException {

	private final String property;

	private final String value;

	private final String kind;

	private final List<String> knownNames;

	/**
	 * Create a new instance.
	 * @param property the full property name that holds the unknown name
	 * @param value the unknown name
	 * @param kind what was named, such as {@code profile}
	 * @param knownNames the names that exist
	 */
	public UnknownSelectionException(String property, String value, String kind, List<String> knownNames) {
		super("Unknown " + kind + " '" + value + "' in " + property + "; known: " + String.join(", ", knownNames));
		this.property = property;
		this.value = value;
		this.kind = kind;
		this.knownNames = List.copyOf(knownNames);
	}

	public String getProperty() {
		return this.property;
	}

	public String getValue() {
		return this.value;
	}

	public String getKind() {
		return this.kind;
	}

	public List<String> getKnownNames() {
		return this.knownNames;
	}

}
