package dev.poolstarter.autoconfigure.kafka;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.autoconfigure.profile.DurationFormat;
import dev.poolstarter.autoconfigure.profile.PoolSelection;

import org.springframework.util.unit.DataSize;

/**
 * The one compact start-up table of the Kafka clients' effective settings and their
 * origins. It never holds a password.
 *
 * @author pool-starter
 */
final class KafkaClientsStartupReport {

	private static final String MASK = "****";

	private KafkaClientsStartupReport() {
	}

	static String render(KafkaClientsPlan plan) {
		PoolSelection selection = plan.selection();
		StringBuilder table = new StringBuilder();
		table.append("Kafka clients for ").append(selection.describe()).append('\n');
		for (Map.Entry<KafkaSetting<?>, KafkaValue<?>> entry : plan.settings().asMap().entrySet()) {
			row(table, entry.getKey(), entry.getValue());
		}
		String groupInstanceId = plan.groupInstanceId();
		if (groupInstanceId != null) {
			row(table, "group.instance.id", groupInstanceId, "static-membership");
		}
		return table.toString().stripTrailing();
	}

	private static void row(StringBuilder table, KafkaSetting<?> setting, KafkaValue<?> resolved) {
		Object value = resolved.value();
		if (value == null && setting.secret()) {
			return;
		}
		String text = (value == null) ? "(client's)" : (setting.secret() ? MASK : format(value));
		row(table, setting.key(), text, resolved.origin());
	}

	private static void row(StringBuilder table, String name, String value, String origin) {
		table.append(String.format("  %-36s %-24s %s%n", name, value, origin));
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
