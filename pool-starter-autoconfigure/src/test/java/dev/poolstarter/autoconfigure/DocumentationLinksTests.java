package dev.poolstarter.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that every relative link of {@code README.md} and {@code docs/*.md} leads to a file
 * that exists and, when it names an anchor, to a heading of that file as GitHub renders it,
 * and that the README's documentation list names every page of {@code docs/}.
 */
class DocumentationLinksTests {

	private static final Path ROOT = Path.of("..");

	private static final Pattern FENCED_BLOCK = Pattern.compile("^\\s*(```|~~~).*?^\\s*\\1\\s*$",
			Pattern.MULTILINE | Pattern.DOTALL);

	private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");

	private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);

	private static final Pattern DOCUMENTATION_SECTION = Pattern.compile("^## Documentation$.*?(?=^## |\\z)",
			Pattern.MULTILINE | Pattern.DOTALL);

	private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

	@Test
	void everyRelativeLinkLeadsToAFileThatExists() throws IOException {
		List<String> broken = new ArrayList<>();
		for (Path page : documentation()) {
			for (String target : relativeLinks(page)) {
				Path file = file(page, target);
				if (!Files.exists(file)) {
					broken.add(name(page) + ": " + target);
				}
			}
		}
		assertThat(broken).as("relative links to files that do not exist").isEmpty();
	}

	@Test
	void everyAnchorNamesAHeadingOfItsFile() throws IOException {
		List<String> broken = new ArrayList<>();
		for (Path page : documentation()) {
			for (String target : relativeLinks(page)) {
				Path file = file(page, target);
				int hash = target.indexOf('#');
				if (hash >= 0 && file.toString().endsWith(".md") && Files.isRegularFile(file)
						&& !anchors(Files.readString(file)).contains(target.substring(hash + 1))) {
					broken.add(name(page) + ": " + target);
				}
			}
		}
		assertThat(broken).as("links to anchors that no heading of the linked file produces").isEmpty();
	}

	@Test
	void readmeDocumentationListLinksEveryPage() throws IOException {
		Matcher section = DOCUMENTATION_SECTION.matcher(Files.readString(ROOT.resolve("README.md")));
		assertThat(section.find()).as("README.md has a section '## Documentation'").isTrue();
		Set<String> linked = new TreeSet<>();
		for (String target : relativeLinks(section.group())) {
			linked.add(target.replaceFirst("#.*", ""));
		}
		try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
			List<String> pages = files.map((file) -> "docs/" + file.getFileName())
				.filter((file) -> file.endsWith(".md"))
				.toList();
			assertThat(pages).isNotEmpty();
			assertThat(linked).as("pages the Documentation list of README.md links to").containsAll(pages);
		}
	}

	@Test
	void anchorsFollowGitHubRules() {
		assertThat(anchors("""
				# Kafka
				## What the starter sets, and what it leaves to the client
				## What `.ci/run` adds
				### Start-up while the database is away
				## [Little's law](https://example.org) and `pool_size_target`
				```bash
				# not a heading
				```
				## Health
				## Health
				""")).containsExactly("kafka", "what-the-starter-sets-and-what-it-leaves-to-the-client",
						"what-cirun-adds", "start-up-while-the-database-is-away", "littles-law-and-pool_size_target",
						"health", "health-1");
	}

	private static List<Path> documentation() throws IOException {
		List<Path> pages = new ArrayList<>();
		pages.add(ROOT.resolve("README.md"));
		try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
			files.filter((file) -> file.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

	private static List<String> relativeLinks(Path page) throws IOException {
		return relativeLinks(Files.readString(page));
	}

	private static List<String> relativeLinks(String markdown) {
		String text = CODE_SPAN.matcher(withoutFencedBlocks(markdown)).replaceAll("``");
		List<String> targets = new ArrayList<>();
		Matcher link = LINK.matcher(text);
		while (link.find()) {
			String target = link.group(2);
			if (!SCHEME.matcher(target).find()) {
				targets.add(target);
			}
		}
		return targets;
	}

	private static Path file(Path page, String target) {
		String path = target.replaceFirst("#.*", "");
		return path.isEmpty() ? page : page.getParent().resolve(path).normalize();
	}

	private static String name(Path page) {
		return ROOT.relativize(page).toString();
	}

	private static Set<String> anchors(String markdown) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		Matcher heading = HEADING.matcher(withoutFencedBlocks(markdown));
		while (heading.find()) {
			String anchor = anchor(heading.group(1));
			int count = seen.merge(anchor, 1, Integer::sum);
			anchors.add((count == 1) ? anchor : anchor + "-" + (count - 1));
		}
		return anchors;
	}

	private static String anchor(String heading) {
		String text = LINK.matcher(heading).replaceAll("$1");
		return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

	private static String withoutFencedBlocks(String markdown) {
		return FENCED_BLOCK.matcher(markdown).replaceAll("");
	}

}
