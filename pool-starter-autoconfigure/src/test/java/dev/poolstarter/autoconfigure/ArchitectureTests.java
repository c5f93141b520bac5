package dev.poolstarter.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the main sources keep the shape {@code docs/architecture.md} describes: the
 * working packages never import the auto-configuration packages, packages form no cycle,
 * and every package says what it is.
 */
class ArchitectureTests {

	private static final Path SOURCES = Path.of("src", "main", "java");

	private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.poolstarter\\.[\\w.]+);",
			Pattern.MULTILINE);

	private final Map<String, Set<String>> imports = readImports();

	@Test
	void workingPackagesNeverImportAutoConfiguration() {
		List<String> violations = new ArrayList<>();
		this.imports.forEach((from, targets) -> {
			if (!isAutoConfiguration(from)) {
				targets.stream()
					.filter(ArchitectureTests::isAutoConfiguration)
					.forEach((to) -> violations.add(from + " -> " + to));
			}
		});
		assertThat(violations).isEmpty();
	}

	@Test
	void packagesFormNoCycle() {
		assertThat(cycles()).as("packages that import each other, directly or through others").isEmpty();
	}

	@Test
	void everyPackageSaysWhatItIsAndIsNullMarked() throws IOException {
		List<String> missing = new ArrayList<>();
		for (String name : this.imports.keySet()) {
			Path info = SOURCES.resolve(name.replace('.', '/')).resolve("package-info.java");
			if (!Files.exists(info) || !Files.readString(info).contains("@NullMarked")) {
				missing.add(name);
			}
		}
		assertThat(missing).isEmpty();
	}

	private static boolean isAutoConfiguration(String name) {
		return name.equals("dev.poolstarter.autoconfigure") || name.startsWith("dev.poolstarter.autoconfigure.");
	}

	private List<List<String>> cycles() {
		List<List<String>> cycles = new ArrayList<>();
		for (String start : this.imports.keySet()) {
			Deque<String> path = new ArrayDeque<>();
			path.push(start);
			findCycle(start, start, path, new TreeSet<>(), cycles);
		}
		return cycles;
	}

	private void findCycle(String start, String current, Deque<String> path, Set<String> seen,
			List<List<String>> cycles) {
		for (String next : this.imports.getOrDefault(current, Set.of())) {
			if (next.equals(start)) {
				List<String> cycle = new ArrayList<>(path);
				Collections.reverse(cycle);
				cycle.add(start);
				cycles.add(cycle);
				return;
			}
			if (next.compareTo(start) > 0 && seen.add(next)) {
				path.push(next);
				findCycle(start, next, path, seen, cycles);
				path.pop();
			}
		}
	}

	private static Map<String, Set<String>> readImports() {
		Map<String, Set<String>> imports = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> read(file, imports));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return imports;
	}

	private static void read(Path file, Map<String, Set<String>> imports) {
		try {
			String source = Files.readString(file);
			Matcher declared = PACKAGE.matcher(source);
			if (!declared.find()) {
				return;
			}
			String from = declared.group(1);
			Set<String> targets = imports.computeIfAbsent(from, (name) -> new TreeSet<>());
			Matcher imported = IMPORT.matcher(source);
			while (imported.find()) {
				String to = packageOf(imported.group(1));
				if (!to.equals(from)) {
					targets.add(to);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String packageOf(String type) {
		String[] parts = type.split("\\.");
		int end = parts.length;
		while (end > 0 && Character.isUpperCase(parts[end - 1].charAt(0))) {
			end--;
		}
		return String.join(".", Arrays.copyOf(parts, end));
	}

}
