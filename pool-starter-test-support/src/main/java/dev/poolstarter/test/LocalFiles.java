package dev.poolstarter.test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the servers the tests start from local binaries share: their temporary directories
 * and their waits.
 *
 * @author pool-starter
 */
final class LocalFiles {

	private LocalFiles() {
	}

	/**
	 * Delete a directory and everything in it; a directory left behind is harmless.
	 * @param directory the directory, which may be gone already
	 */
	static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// a temporary directory left behind is harmless
		}
	}

	/**
	 * Wait, keeping the thread's interrupt.
	 * @param duration how long
	 */
	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
