package dev.poolstarter.settings;

/**
 * The compact start-up table that each client logs once: a title, then one row per setting
 * with its effective value and where that value came from.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class SettingsTable {

	private final StringBuilder text = new StringBuilder();

	/**
	 * Start a table.
	 * @param title the first line, such as {@code PostgreSQL pool 'primary' for ...}
	 */
	public SettingsTable(String title) {
		this.text.append(title).append('\n');
	}

	/**
	 * Add a row.
	 * @param name the setting's key
	 * @param value the effective value, as shown to the user
	 * @param origin where the value came from
	 * @return this table
	 */
	public SettingsTable row(String name, String value, String origin) {
		this.text.append(String.format("  %-36s %-24s %s%n", name, value, origin));
		return this;
	}

	@Override
	public String toString() {
		return this.text.toString().stripTrailing();
	}

}
