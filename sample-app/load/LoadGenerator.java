import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop HTTP load for the sample service, run from source by {@code load.sh}: a
 * mix of cached reads, pages, writes and slow reports, with the pool's own view from
 * {@code /actuator/health} printed beside the client's every few seconds.
 */
public final class LoadGenerator {

	private static final Pattern CLIENT = Pattern
		.compile("\"client\":\\{\"active\":(\\d+),\"idle\":(\\d+),\"pending\":(\\d+),\"total\":(\\d+),\"maximum\":(\\d+)");

	private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"\\}$");

	private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	private static final Pattern CIRCUIT = Pattern.compile("\"circuitBreaker\":\\{\"state\":\"([A-Z_]+)\"");

	private static final Pattern RETRIED = Pattern
		.compile("^pool_reads_retried_total\\{[^}]*outcome=\"succeeded\"[^}]*\\} ([0-9.E]+)$", Pattern.MULTILINE);

	enum Operation {

		READ(60), PAGE(15), CREATE(10), UPDATE(5), REPORT(10);

		final int weight;

		Operation(int weight) {
			this.weight = weight;
		}

	}

	private final String url;

	private final int clients;

	private final Duration duration;

	private final long reportDelayMs;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Map<Operation, Recorder> recorders = new EnumMap<>(Operation.class);

	private final AtomicLong highestId = new AtomicLong();

	private LoadGenerator(String url, int clients, Duration duration, long reportDelayMs) {
		this.url = url;
		this.clients = clients;
		this.duration = duration;
		this.reportDelayMs = reportDelayMs;
		for (Operation operation : Operation.values()) {
			this.recorders.put(operation, new Recorder());
		}
	}

	public static void main(String[] args) throws Exception {
		String url = "http://127.0.0.1:8080";
		int clients = 16;
		Duration duration = Duration.ofSeconds(60);
		long reportDelayMs = 50;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--url" -> url = args[++i];
				case "--clients" -> clients = Integer.parseInt(args[++i]);
				case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(args[++i].replace("s", "")));
				case "--report-delay-ms" -> reportDelayMs = Long.parseLong(args[++i]);
				default -> {
					System.err.println("usage: load.sh [--url " + url + "] [--clients 16] [--duration 60s] "
							+ "[--report-delay-ms 50]");
					System.exit(2);
				}
			}
		}
		new LoadGenerator(url, clients, duration, reportDelayMs).run();
	}

	private void run() throws Exception {
		seed();
		System.out.printf("%d clients for %ds against %s; slow reports hold a connection %d ms%n", this.clients,
				this.duration.toSeconds(), this.url, this.reportDelayMs);
		System.out.println("   t     req/s   p50 ms   p99 ms    2xx   4xx   503  5xx  errors | health    pool active/max pending"
				+ " circuit   reads retried");
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < this.clients; i++) {
			Thread thread = new Thread(() -> {
				while (running.get()) {
					call(pick());
				}
			}, "load-" + i);
			thread.start();
			threads.add(thread);
		}
		long start = System.nanoTime();
		while (System.nanoTime() - start < this.duration.toNanos()) {
			Thread.sleep(5000);
			print((System.nanoTime() - start) / 1_000_000_000, drainWindow());
		}
		running.set(false);
		for (Thread thread : threads) {
			thread.join();
		}
		System.out.println();
		System.out.println("operation   requests   p50 ms   p99 ms   max ms   non-2xx");
		for (Map.Entry<Operation, Recorder> entry : this.recorders.entrySet()) {
			Recorder recorder = entry.getValue();
			long[] latencies = recorder.latencies();
			System.out.printf("%-10s %9d %8.1f %8.1f %8.1f %9d%n", entry.getKey().name().toLowerCase(), latencies.length,
					percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 1.0),
					recorder.failures());
		}
	}

	private void seed() throws Exception {
		for (int i = 0; i < 50; i++) {
			call(Operation.CREATE);
		}
		if (this.highestId.get() == 0) {
			throw new IllegalStateException("could not create listings at " + this.url + "/api/listings: is the sample "
					+ "running? ./mvnw -pl sample-app spring-boot:run");
		}
		this.recorders.values().forEach(Recorder::reset);
	}

	private Operation pick() {
		int roll = ThreadLocalRandom.current().nextInt(100);
		for (Operation operation : Operation.values()) {
			roll -= operation.weight;
			if (roll < 0) {
				return operation;
			}
		}
		return Operation.READ;
	}

	private void call(Operation operation) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		// reads favour a small set of listings, as real traffic does, so the cache has hits
		long id = 1 + (long) (Math.pow(random.nextDouble(), 3) * Math.max(1, this.highestId.get()));
		String city = List.of("Ghent", "Lyon", "Porto", "Turin", "Leeds").get(random.nextInt(5));
		String body = "{\"title\":\"Listing " + random.nextInt(1_000_000) + "\",\"city\":\"" + city
				+ "\",\"priceCents\":" + random.nextInt(100_000) + "}";
		HttpRequest.Builder request = switch (operation) {
			case READ -> HttpRequest.newBuilder(uri("/api/listings/" + (this.highestId.get() + 1 - id)));
			case PAGE -> HttpRequest.newBuilder(uri("/api/listings?city=" + city + "&page=" + random.nextInt(3)));
			case CREATE -> HttpRequest.newBuilder(uri("/api/listings"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body));
			case UPDATE -> HttpRequest.newBuilder(uri("/api/listings/" + (this.highestId.get() + 1 - id)))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(body));
			case REPORT -> HttpRequest.newBuilder(uri("/api/listings/cities?delayMs=" + this.reportDelayMs));
		};
		long started = System.nanoTime();
		int status;
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			status = response.statusCode();
			if (operation == Operation.CREATE && status == 201) {
				Matcher matcher = ID.matcher(response.body());
				if (matcher.find()) {
					this.highestId.accumulateAndGet(Long.parseLong(matcher.group(1)), Math::max);
				}
			}
		}
		catch (Exception ex) {
			status = -1;
		}
		this.recorders.get(operation).record(System.nanoTime() - started, status);
	}

	private URI uri(String path) {
		return URI.create(this.url + path);
	}

	private Window drainWindow() {
		long[] counts = new long[5];
		List<long[]> latencies = new ArrayList<>();
		for (Recorder recorder : this.recorders.values()) {
			latencies.add(recorder.drainWindow(counts));
		}
		return new Window(counts, latencies.stream().flatMapToLong(Arrays::stream).toArray());
	}

	private void print(long seconds, Window window) {
		long[] latencies = window.latencies();
		long[] counts = window.counts();
		String health;
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(3)).build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher status = STATUS.matcher(response.body());
			Matcher client = CLIENT.matcher(response.body());
			boolean pool = client.find();
			Matcher circuit = CIRCUIT.matcher(response.body());
			health = String.format("%-9s %3s/%-3s %7s %-9s %5s", status.find() ? status.group(1) : response.statusCode(),
					pool ? client.group(1) : "?", pool ? client.group(5) : "?", pool ? client.group(3) : "?",
					circuit.find() ? circuit.group(1) : "-", readsRetried());
		}
		catch (Exception ex) {
			health = "unreachable";
		}
		System.out.printf("%4ds %9.0f %8.1f %8.1f %6d %5d %5d %4d %7d | %s%n", seconds, latencies.length / 5.0,
				percentile(latencies, 0.50), percentile(latencies, 0.99), counts[0], counts[1], counts[2], counts[3],
				counts[4], health);
	}

	// the reads the starter ran again on a fresh connection, from /actuator/prometheus
	private String readsRetried() {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(uri("/actuator/prometheus")).timeout(Duration.ofSeconds(3)).build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher retried = RETRIED.matcher(response.body());
			return retried.find() ? String.valueOf((long) Double.parseDouble(retried.group(1))) : "-";
		}
		catch (Exception ex) {
			return "?";
		}
	}

	private static double percentile(long[] nanos, double quantile) {
		if (nanos.length == 0) {
			return 0;
		}
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1_000_000.0;
	}

	/** Latencies and status classes of one operation: in all, and since the last report. */
	private static final class Recorder {

		private final Latencies all = new Latencies();

		private Latencies window = new Latencies();

		// 2xx, 4xx, 503, other 5xx, transport errors
		private final long[] counts = new long[5];

		private final long[] windowCounts = new long[5];

		synchronized void record(long nanos, int status) {
			this.all.add(nanos);
			this.window.add(nanos);
			int slot = (status >= 200 && status < 300) ? 0 : (status >= 400 && status < 500) ? 1
					: (status == 503) ? 2 : (status >= 500) ? 3 : 4;
			this.counts[slot]++;
			this.windowCounts[slot]++;
		}

		synchronized long[] latencies() {
			return this.all.toArray();
		}

		synchronized long[] drainWindow(long[] counts) {
			for (int i = 0; i < counts.length; i++) {
				counts[i] += this.windowCounts[i];
			}
			Arrays.fill(this.windowCounts, 0);
			long[] latencies = this.window.toArray();
			this.window = new Latencies();
			return latencies;
		}

		synchronized long failures() {
			return this.counts[1] + this.counts[2] + this.counts[3] + this.counts[4];
		}

		synchronized void reset() {
			this.all.clear();
			this.window = new Latencies();
			Arrays.fill(this.counts, 0);
			Arrays.fill(this.windowCounts, 0);
		}

	}

	/** A growable array of nanosecond latencies. */
	private static final class Latencies {

		private long[] values = new long[1024];

		private int size;

		void add(long nanos) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = nanos;
		}

		long[] toArray() {
			return Arrays.copyOf(this.values, this.size);
		}

		void clear() {
			this.size = 0;
		}

	}

	/** What one reporting window saw. */
	private record Window(long[] counts, long[] latencies) {

	}

}
