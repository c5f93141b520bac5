package dev.poolstarter.kafka;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.settings.DurationFormat;
import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.Setting;
import dev.poolstarter.settings.SettingsTable;

import org.springframework.util.unit.DataSize;

/**
 * The one compact start-up table of the Kafka clients' effective settings and their
 * origins. It never holds a password.
 *
 * @author pool-starter
 */
public final class KafkaStartupReport {

	private static final String MASK = "****";

	private KafkaStartupReport() {
	}

	/**
	 * Render the start-up table of a plan.
	 * @param plan the plan
	 * @return the table
	 */
	public static String render(KafkaClientsPlan plan) {
		SettingsTable table = new SettingsTable("Kafka clients for " + plan.selection().describe());
		for (Map.Entry<Setting<KafkaSettings, ?>, Resolved<?>> entry : plan.settings().asMap().entrySet()) {
			row(table, (KafkaSetting<?>) entry.getKey(), entry.getValue());
		}
		String groupInstanceId = plan.groupInstanceId();
		if (groupInstanceId != null) {
			table.row("group.instance.id", groupInstanceId, "static-membership");
		}
		return table.toString();
	}

	private static void row(SettingsTable table, KafkaSetting<?> setting, Resolved<?> resolved) {
		Object value = resolved.value();
		if (value == null && setting.secret()) {
			return;
		}
		String text = (value == null) ? "(client's)" : (setting.secret() ? MASK : format(value));
		table.row(setting.key(), text, resolved.origin());
	}

	/**
	 * Format a setting value for messages and tables.
	 * @param value the value
	 * @return the text, such as {@code 20ms}, {@code 64KB} or {@code a:9092,b:9092}
	 */
	static String format(@Nullable Object value) {
		if (value == null) {
			return "unset";
		}
		if (value instanceof DataSize size) {
			return formatSize(size.toBytes());
		}
		if (value instanceof List<?> list) {
			return String.join(",", list.stream().map(String::valueOf).toList());
		}
		return DurationFormat.formatValue(value);
	}

	private static String formatSize(long bytes) {
		if (bytes > 0 && bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + "MB";
		}
		if (bytes > 0 && bytes % 1024 == 0) {
			return (bytes / 1024) + "KB";
		}
		return bytes + "B";
	}

}
