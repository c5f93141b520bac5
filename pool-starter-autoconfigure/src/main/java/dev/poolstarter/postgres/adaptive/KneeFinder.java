package dev.poolstarter.postgres.adaptive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.server.FleetCensus;
import dev.poolstarter.postgres.server.ServerActivity;

/**
 * Finds the pool size at which the server's throughput stops rising, from the pool's own
 * figures per window: connections given back per second, connections in use, threads
 * waiting, timeouts, and the time a connection is held, which Little's law gives as the
 * connections in use over the throughput.
 * <p>
 * Below the knee another connection adds throughput and the time held stays at its
 * no-load value; past it the server queues, the time held grows with the size and the
 * throughput does not. So the finder probes: while threads wait, and the server does not
 * queue the pool's sessions (a time held twice the no-load one while more than a quarter
 * of them are at work there), it tries a larger size for one window (less, when a
 * doubling clears its bar early, see {@link #keepsAtOnce}; the callers at once for the
 * first probe of a workload with no queue at the server and whose sessions mostly wait
 * outside it, judged as a doubling; a doubling where the server shows more than a quarter
 * at work; then twice the size while the time held is near the no-load time held or the
 * last probe up kept gave at least half of the proportional gain, half again otherwise)
 * and keeps it only when throughput rose by at least a tenth of the proportional gain (a
 * probe that at least doubles the pool and falls short in its first window is judged on
 * the next one alone: new connections are slow for their first transactions), probing
 * down next when the time held grew with it (once the new workload's own windows are
 * measured, where the probe started from a window across a change of workload: a longer
 * hold grows the time held as a queue does); and now and then, while the pool is busy, it
 * tries a size 30 % smaller for two windows (one, when the first is farther from the bar
 * than twice the noise; less, when a loss clears the bar early, see {@link
 * #undoesAtOnce}) and keeps it when throughput fell by less than the tolerance,
 * from the size before and from the size a run of kept probes down started at, so that
 * steps each within the tolerance do not add up to more. A probe whose throughput is
 * within chance of its bar is measured as long again before it is judged: chance for the
 * connections given back in its windows, or for how much the throughput of one window
 * differs from the next at a steady size, whichever is wider (on a shared machine the
 * second is the wider by far). Whatever a probe does not keep, it undoes. A probe up that
 * lost throughput while the time held grew (the server queued at the larger size) is
 * followed by a probe down, not a smaller step up; otherwise the next probe up waits two
 * windows, doubling, and longer once a probe down failed too (the size is then at the
 * knee from both sides); a workload that changes (throughput or time held off by a third
 * at the same size, or threads waiting where none did) makes it probe again at once. The
 * callers, connections in use and threads waiting, tell a changed workload at once,
 * whatever the size: a window whose callers differ by half from the one before starts a
 * fresh baseline (and, when they grew and wait, a probe up at once where it at least
 * doubles the pool: the window mixes two workloads and is a fair baseline for no smaller
 * gain; when nobody waits, the pool holds every caller and the first probe down comes
 * after the probe interval), and a probe during which they grew by half is ended, a
 * larger size kept as where the grown workload starts (probed down before any probe up
 * when the time held grew with more than a quarter of the sessions at work on the server:
 * a queue there), a smaller one undone. A window too quiet to judge ends a workload: the
 * next busy one is such a change, not measured against a baseline from before the lull.
 * <p>
 * Hard bounds come first: the pool shrinks at once to its fair share of the fleet budget,
 * and never grows past what the other instances leave, past the policy's maximum, or
 * while the server's connections are in use beyond the utilization limit. A pool that
 * used at most half its connections for three probe intervals shrinks to twice what it
 * used.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class KneeFinder {

	/**
	 * Connections given back in a window below which the window says nothing about
	 * throughput.
	 */
	public static final int MIN_RELEASES = 20;

	// the factors of an up probe: the largest while probes keep adding throughput and the
	// time held shows no queue, a smaller one after each probe that added too little
	private static final double[] GROWTH = { 2.0, 1.5, 1.25 };

	private static final double SHRINK = 0.7;

	// an up probe must show at least this share of the gain that the added connections
	// would give below the knee. Low, since a server's curve bends slowly: a doubling that
	// gains less than a quarter may still add throughput worth having, and a size kept past
	// the knee is found by the probes down
	private static final double ELASTICITY = 0.1;

	// time held within this factor of the no-load time held: no sign of queueing
	private static final double NO_QUEUE = 1.25;

	// a probe up kept with at least this share of the gain its connections would give below
	// the knee: the server still scales, whatever the time held, and the next probe doubles
	private static final double SCALES = 0.5;

	// at most this share of the pool's sessions at work on the server (the others wait for
	// the application, a timer or another service while they hold a connection): the server
	// has room for the callers, and the first probe of a workload may go to them at once.
	// Low, since the two errors cost unequally: a doubling where the callers were right
	// costs a window or two, the callers where the server bounds the throughput cost a
	// descent over many
	private static final double WAIT_BOUND_WORK = 0.25;

	// a time held at least this factor of the no-load time held, where the server bounds the
	// throughput (more than a quarter of the pool's sessions at work there): by Little's law
	// at least half of the connections in use wait there, so more connections would add to
	// that queue and not to the throughput
	private static final double QUEUED = 2.0;

	// throughput or time held off by this share at the same size: the workload changed
	private static final double SHIFT = 0.35;

	// callers (connections in use and threads waiting) up or down by this factor from one
	// window to the next: the workload changed, whatever the size
	private static final double DEMAND_SHIFT = 1.5;

	private static final int BASELINE_WINDOWS = 3;

	private static final int DOWN_PROBE_WINDOWS = 2;

	private static final int MAX_BACKOFF_FACTOR = 8;

	// a probe up that was not kept waits two windows, doubling to twice the probe interval
	private static final int UP_BACKOFF_WINDOWS = 2;

	private static final int MAX_UP_BACKOFF_PROBE_INTERVALS = 2;

	// the mean change of throughput from one window to the next at a steady size follows
	// the latest windows with this weight
	private static final int SPREAD_WINDOWS = 8;

	private final AdaptiveSizingPolicy policy;

	private final String service;

	private final @Nullable String self;

	private final Duration upBackoffBase;

	private final Deque<Measure> baseline = new ArrayDeque<>();

	private volatile int limit;

	private volatile AdaptiveSizingPolicy.@Nullable Share share;

	private volatile @Nullable FleetCensus census;

	private volatile @Nullable Probe probe;

	private volatile @Nullable Measure latest;

	private volatile double noLoadHeldMillis = Double.NaN;

	private volatile double workShare = Double.NaN;

	private volatile @Nullable Step lastOutcome;

	private double lastDemand = Double.NaN;

	// the throughput at the size a run of kept probes down started from: the run may not
	// lose more than the tolerance from it in all, however small each step's loss
	private double downAnchor = Double.NaN;

	private Instant upAllowedAt = Instant.MIN;

	// whether the probe down under way started from the share's ceiling
	private boolean downFromCeiling;

	private Duration upBackoff;

	private @Nullable Instant downProbeAt;

	private Duration downBackoff;

	private boolean downCheckedSinceShift;

	// a probe up lost throughput and the time held grew, or the callers grew during one and
	// the time held grew with the sessions at work: the server queued at the larger size, so
	// the next probe is down, not a smaller step up
	private boolean downFirst;

	private boolean waitedBefore;

	private int shiftStreak;

	// the latest full window at the current size with no step or change of workload since
	private @Nullable Measure previousWindow;

	// the mean change of throughput from one full window to the next at a steady size
	private volatile double windowSpread = Double.NaN;

	private int growth;

	// the share of the proportional gain that the latest probe up kept since the workload
	// changed showed, or NaN
	private double keptElasticity = Double.NaN;

	private Duration underusedFor = Duration.ZERO;

	private int underusedPeak;

	/**
	 * Create the finder of one pool.
	 * @param policy the bounds and pace
	 * @param service the service name
	 * @param self this instance's id, or {@code null}
	 * @param initialLimit the size the pool starts with
	 * @param initialShare the share at start-up, or {@code null} when the server did not
	 * answer
	 */
	public KneeFinder(AdaptiveSizingPolicy policy, String service, @Nullable String self, int initialLimit,
			AdaptiveSizingPolicy.@Nullable Share initialShare) {
		this.policy = policy;
		this.service = service;
		this.self = self;
		this.limit = initialLimit;
		this.share = initialShare;
		this.upBackoffBase = policy.interval().multipliedBy(UP_BACKOFF_WINDOWS);
		this.upBackoff = this.upBackoffBase;
		this.downBackoff = policy.probeInterval();
	}

	/**
	 * Return the size the pool should have now.
	 * @return the limit
	 */
	public int limit() {
		return this.limit;
	}

	/**
	 * Return the latest share of the fleet budget.
	 * @return the share, or {@code null} before the server answered
	 */
	public AdaptiveSizingPolicy.@Nullable Share share() {
		return this.share;
	}

	/**
	 * Return the latest census of the fleet.
	 * @return the census, or {@code null} before the first window
	 */
	public @Nullable FleetCensus census() {
		return this.census;
	}

	/**
	 * Return the probe under way.
	 * @return the probe, or {@code null}
	 */
	public @Nullable Probe probe() {
		return this.probe;
	}

	/**
	 * Return the figures of the latest window that had enough traffic.
	 * @return the figures, or {@code null}
	 */
	public @Nullable Measure latest() {
		return this.latest;
	}

	/**
	 * Return the lowest time held seen since the workload last changed: the time held
	 * with no queue at the server.
	 * @return milliseconds, or NaN before the first window
	 */
	public double noLoadHeldMillis() {
		return this.noLoadHeldMillis;
	}

	/**
	 * Return the share of the pool's sessions in a transaction that the server showed at
	 * work (running, or waiting for its disks or locks) in the latest window.
	 * @return the share, or NaN when the server did not show it
	 */
	public double workShare() {
		return this.workShare;
	}

	/**
	 * Return how much the throughput changes from one full window to the next at a steady
	 * size, on average: the spread within which a probe is measured twice as long.
	 * @return the share, or NaN before two such windows
	 */
	public double windowSpread() {
		return this.windowSpread;
	}

	/**
	 * Return the latest step that was not a probe starting.
	 * @return the step, or {@code null}
	 */
	public @Nullable Step lastOutcome() {
		return this.lastOutcome;
	}

	public AdaptiveSizingPolicy policy() {
		return this.policy;
	}

	/**
	 * Decide on one window.
	 * @param window what the pool and the server showed
	 * @return the steps, in order: none, one, or a kept probe and the next one
	 */
	public synchronized List<Step> decide(Window window) {
		List<Step> steps = new ArrayList<>(2);
		Fleet fleet = window.fleet();
		AdaptiveSizingPolicy.Share before = this.share;
		if (fleet != null) {
			this.workShare = fleet.workShare();
			this.census = fleet.census();
			this.share = this.policy.share(fleet.census(), fleet.usableConnections(), fleet.mine(), this.self);
		}
		AdaptiveSizingPolicy.Share share = this.share;
		if (this.downProbeAt == null && this.probe == null && !this.downCheckedSinceShift && this.latest == null) {
			this.downProbeAt = window.at().plus(this.policy.probeInterval().dividedBy(4));
		}
		if (fleet != null && share != null && this.limit > share.fair()) {
			this.probe = null;
			steps.add(outcome(change(this.limit, share.fair(), Cause.FLEET, fleetReason(share))));
			return steps;
		}
		boolean fleetChanged = before != null && share != null && before.instances() != share.instances();
		if (before != null && share != null && this.limit >= ceiling(before) && ceiling(share) > ceiling(before)) {
			// the share held the pool down and now leaves more: what the probes at the smaller
			// ceiling said of the knee does not hold the next probe up back
			this.upAllowedAt = window.at();
			this.upBackoff = this.upBackoffBase;
		}
		Step idle = underused(window);
		if (idle != null) {
			steps.add(idle);
			return steps;
		}
		Probe probe = this.probe;
		if (window.releases() < MIN_RELEASES) {
			// a quiet window ends a workload: the next busy one is measured afresh, not against
			// a baseline from before the lull
			this.lastDemand = window.measure().demand();
			if (probe != null) {
				this.probe = null;
				steps.add(outcome(change(probe.to(), probe.from(), Cause.REVERT, "the probe of " + probe.to()
						+ " ended: fewer than " + MIN_RELEASES + " connections given back in a window")));
			}
			return steps;
		}
		Measure measure = window.measure();
		this.latest = measure;
		double lastDemand = this.lastDemand;
		this.lastDemand = measure.demand();
		if (probe != null && grewByHalf(measure.demand(), probe.baseline().demand())) {
			this.probe = null;
			steps.add(outcome(callersGrew(probe, measure, window.at())));
			return steps;
		}
		if (probe == null && !Double.isNaN(lastDemand) && isJump(measure.demand(), lastDemand)) {
			// a window across the change says nothing of either workload: measure afresh
			boolean waited = waited(window);
			shift(window.at(), Double.NaN);
			this.waitedBefore = waited;
			if (!waited) {
				// the pool holds every caller: fewer connections are a question for later
				this.downProbeAt = window.at().plus(this.policy.probeInterval());
			}
			if (waited && measure.demand() > lastDemand && !fleetChanged
					&& doublesAtOnce(this.limit + Math.max(1, window.peakWaiting()))) {
				// more callers, and they wait: grow at once, judged as the workload's start;
				// a window that mixes two workloads is a fair baseline only for a gain as
				// large as a doubling
				this.noLoadHeldMillis = measure.heldMillis();
				Step next = probeUp(window, measure, fleet);
				if (next != null) {
					Probe started = this.probe;
					if (started != null) {
						started.acrossChange();
					}
					steps.add(next);
				}
			}
			return steps;
		}
		this.noLoadHeldMillis = Double.isNaN(this.noLoadHeldMillis) ? measure.heldMillis()
				: Math.min(this.noLoadHeldMillis, measure.heldMillis());
		if (probe != null) {
			probe.add(measure);
			if (probe.windows() < probe.needed() && !clearAfterOneWindow(probe)) {
				return steps;
			}
			Step outcome = judge(probe, window.at());
			if (outcome == null) {
				return steps;
			}
			this.probe = null;
			steps.add(outcome);
			if (outcome.cause() == Cause.KEPT && probe.direction() == Direction.UP && waited(window)) {
				Step next = probeUp(window, measure, fleet);
				if (next != null) {
					steps.add(next);
				}
			}
			return steps;
		}
		boolean waited = waited(window);
		detectShift(measure, waited, window.at());
		this.waitedBefore = waited;
		noteSpread(window, measure);
		addToBaseline(measure);
		// at the minimum no probe down can come, and the probes up go on
		this.downFirst = this.downFirst && waited && this.limit > this.policy.minimum();
		Step next = (waited && !fleetChanged && !this.downFirst) ? probeUp(window, measure, fleet) : null;
		// a pool that uses more than half its connections is probed down; one that uses at most
		// half is the underused rule's. A pool that grew past its callers is thus brought back
		// to them, where they all have a connection and nobody waits. Not in a window in which
		// the instances changed: where one left, the size is the old share's, and the probe up
		// to the new one comes first
		if (next == null && !fleetChanged && window.meanInUse() > this.limit / 2.0
				&& this.limit > this.policy.minimum()
				&& this.baseline.size() >= 2 && this.downProbeAt != null && !window.at().isBefore(this.downProbeAt)) {
			next = probeDown();
		}
		if (next != null) {
			steps.add(next);
		}
		return steps;
	}

	/**
	 * Return whether a window with so many callers would start a probe up to the callers at
	 * once: no probe under way, the pool below its ceiling, and either the callers grew by
	 * half since the last window and the probe would at least double the pool, or it is the
	 * first probe up of the workload and no probe down is to come first. The controller
	 * closes such a window early when threads crowd the pool, so that the pool does not hold
	 * them for a whole window at a size far below them.
	 * @param now when
	 * @param callers connections in use and threads waiting, on average so far
	 * @return whether the window may close now
	 */
	public synchronized boolean growsAtOnce(Instant now, double callers) {
		AdaptiveSizingPolicy.Share share = this.share;
		if (this.probe != null || share == null
				|| this.limit >= ceiling(share)) {
			return false;
		}
		if (!Double.isNaN(this.lastDemand) && grewByHalf(callers, this.lastDemand)) {
			return doublesAtOnce((int) Math.ceil(callers));
		}
		return this.growth == 0 && !this.downCheckedSinceShift && !this.downFirst && !now.isBefore(this.upAllowedAt);
	}

	/**
	 * Return whether the doubling under way has, in the part of its window measured so
	 * far, gained more than its bar by at least twice what chance and the windows' own ups
	 * and downs give so short a measure: it would be kept. The controller then closes the
	 * window early when threads crowd the pool, so that a pool far below the knee climbs a
	 * doubling in about half a window instead of a window and more.
	 * @param soFar the window's figures so far
	 * @return whether the window may close now
	 */
	public synchronized boolean keepsAtOnce(Measure soFar) {
		Probe probe = this.probe;
		if (probe == null || probe.direction() != Direction.UP || probe.windows() != 0 || probe.needed() != 1
				|| soFar.seconds() <= 0 || probe.baseline().throughput() <= 0) {
			return false;
		}
		return noisesFromBar(probe, soFar, soFar.seconds()) >= 2;
	}

	/**
	 * Return whether the probe down under way has, in the part of its window measured so
	 * far, lost more than its tolerance by at least twice what chance and the windows' own
	 * ups and downs give so short a measure: it would be undone. The controller then closes
	 * the window early when threads wait, so that a size below the knee costs the callers
	 * about a quarter of a window instead of one or two. Not before the windows' spread is
	 * known: the noise of a short measure is unknown until then.
	 * @param soFar the window's figures so far
	 * @return whether the window may close now
	 */
	public synchronized boolean undoesAtOnce(Measure soFar) {
		Probe probe = this.probe;
		if (probe == null || probe.direction() != Direction.DOWN || probe.windows() != 0
				|| Double.isNaN(this.windowSpread) || soFar.seconds() <= 0 || probe.baseline().throughput() <= 0) {
			return false;
		}
		return noisesFromBar(probe, soFar, soFar.seconds()) <= -2;
	}

	/**
	 * Give up the probe under way, when the pool could not take its size.
	 * @param now when
	 * @param reason why
	 * @return the step back to the size before, or none without a probe
	 */
	public synchronized List<Step> abandon(Instant now, String reason) {
		Probe probe = this.probe;
		if (probe == null) {
			return List.of();
		}
		this.probe = null;
		if (probe.direction() == Direction.DOWN) {
			this.downProbeAt = now.plus(this.downBackoff);
		}
		return List.of(outcome(change(probe.to(), probe.from(), Cause.REVERT,
				"the probe of " + probe.to() + " ended: " + reason)));
	}

	private static boolean waited(Window window) {
		return window.timeouts() > 0 || window.meanWaiting() >= 0.25;
	}

	/**
	 * Count the time the pool used at most half its connections with nobody waiting, and
	 * shrink it to twice what it used once that lasted three probe intervals.
	 */
	private @Nullable Step underused(Window window) {
		if (window.peakInUse() > this.limit / 2 || window.peakWaiting() > 0 || window.timeouts() > 0
				|| this.probe != null) {
			this.underusedFor = Duration.ZERO;
			this.underusedPeak = 0;
			return null;
		}
		this.underusedFor = this.underusedFor.plus(window.length());
		this.underusedPeak = Math.max(this.underusedPeak, window.peakInUse());
		int to = Math.max(this.policy.minimum(), 2 * this.underusedPeak);
		if (this.underusedFor.compareTo(this.policy.probeInterval().multipliedBy(3)) < 0 || to >= this.limit) {
			return null;
		}
		String reason = "at most " + this.underusedPeak + " of " + this.limit + " connections in use for "
				+ seconds(this.underusedFor) + " with nobody waiting";
		this.underusedFor = Duration.ZERO;
		this.underusedPeak = 0;
		return outcome(change(this.limit, to, Cause.IDLE, reason));
	}

	private @Nullable Step probeUp(Window window, Measure measure, @Nullable Fleet fleet) {
		AdaptiveSizingPolicy.Share share = this.share;
		if (fleet == null || share == null || window.at().isBefore(this.upAllowedAt)
				|| fleet.serverUtilization() >= this.policy.serverUtilizationLimit()) {
			return null;
		}
		int ceiling = ceiling(share);
		boolean atWork = atWork(fleet.workShare());
		// at work on the server and held twice the no-load time: the server queues the
		// sessions, and a probe up would add to the queue, not to the throughput; the probes
		// down go on
		if (this.limit >= ceiling || (atWork && measure.heldMillis() >= QUEUED * this.noLoadHeldMillis)) {
			return null;
		}
		boolean noQueue = measure.heldMillis() <= NO_QUEUE * this.noLoadHeldMillis;
		// a time held past the no-load one with a last step up that gained at least half of
		// what its connections would below the knee: the server queues a little and still
		// scales, so the pool goes on doubling until a probe falls short
		boolean scales = !noQueue && this.keptElasticity >= SCALES;
		double factor = GROWTH[(noQueue || scales) ? this.growth : Math.max(1, this.growth)];
		int callers = this.limit + Math.max(1, window.peakWaiting());
		// the first probe of a workload with no queue at the server goes to the callers at
		// once: it asks whether the server gives more, not where the knee is, and is judged
		// as a doubling; past the knee the time held shows it and probes down follow. Not
		// where more than a quarter of the pool's sessions are at work on the server: its
		// CPU, disks and locks then bound the throughput, and a doubling is the larger step
		// that it can take
		boolean toCallers = noQueue && this.growth == 0 && !this.downCheckedSinceShift && !atWork
				&& callers > GROWTH[0] * this.limit;
		int to = toCallers ? callers : Math.max(this.limit + 1, (int) Math.round(this.limit * factor));
		to = Math.min(Math.min(ceiling, to), callers);
		int judgedAs = toCallers ? Math.min(to, (int) Math.round(this.limit * GROWTH[0])) : to;
		double required = required(this.limit, judgedAs);
		String reason = String.format(Locale.ROOT,
				"%.1f threads waiting, time held %.1f ms (no-load %.1f ms)%s%s; throughput must rise at least %s",
				window.meanWaiting(), measure.heldMillis(), this.noLoadHeldMillis,
				noQueue ? ", no sign of queueing at the server"
						: scales ? ", the last probe up gave " + percent(this.keptElasticity)
								+ " of what its connections would give below the knee" : "",
				Double.isNaN(fleet.workShare()) ? ""
						: ", " + percent(fleet.workShare()) + " of its sessions in a transaction at work on the server",
				percent(required))
				+ (toCallers ? ", as for a doubling (the first probe of a workload goes to the callers)" : "");
		// a small step adds little even below the knee: it is judged on two windows
		return startProbe(Direction.UP, to, required, (toCallers || factor >= GROWTH[0]) ? 1 : 2, reason);
	}

	private Step probeDown() {
		int to = Math.max(this.policy.minimum(), Math.min(this.limit - 1, (int) Math.round(this.limit * SHRINK)));
		AdaptiveSizingPolicy.Share share = this.share;
		this.downFromCeiling = share != null && this.limit >= ceiling(share);
		this.downProbeAt = null;
		this.downFirst = false;
		return startProbe(Direction.DOWN, to, -this.policy.tolerance(), DOWN_PROBE_WINDOWS,
				"checking that fewer connections give the same throughput; it may fall at most "
						+ percent(this.policy.tolerance()));
	}

	private Step startProbe(Direction direction, int to, double required, int windows, String reason) {
		Measure base = baselineMeasure();
		this.probe = new Probe(direction, this.limit, to, base, required, windows);
		return change(this.limit, to, Cause.PROBE, reason);
	}

	/**
	 * Judge a probe on its windows: keep it, undo it, or, when the throughput is within
	 * chance of the bar, return {@code null} and measure it for as many windows again.
	 */
	private @Nullable Step judge(Probe probe, Instant now) {
		Measure trial = probe.measure();
		double reference = reference(probe);
		double ratio = trial.throughput() / reference;
		double chance = chance(probe.baseline(), trial);
		double bar = 1 + probe.required();
		if (probe.direction() == Direction.UP && ratio < bar && probe.opensAsManyAsItHad() && probe.windows() == 1
				&& !probe.extended() && probe.warmUp() == null) {
			// its connections were as many new as old: slow for their first transactions, and on
			// a busy server their opening cost the window too. The next window judges the size
			probe.warmedUp();
			return null;
		}
		if (!probe.extended() && Math.abs(ratio - bar) < Math.max(chance, spread(probe.baseline(), trial))) {
			probe.extend();
			return null;
		}
		boolean shortened = shortened(probe, trial);
		String figures = String.format(Locale.ROOT,
				"throughput %s -> %s per second (%s%s), time held %.1f -> %.1f ms", rate(probe.baseline().throughput()),
				rate(trial.throughput()), signedPercent(ratio - 1),
				(reference > probe.baseline().throughput())
						? " of the " + rate(reference) + " per second before the first step down" : "",
				probe.baseline().heldMillis(), trial.heldMillis())
				+ (probe.extended() ? " over " + probe.windows() + " windows (after " + probe.windows() / 2
						+ " it was within chance of the bar)" : "")
				+ ((probe.windows() < probe.needed() && !shortened) ? " after 1 window (clear of the bar by more "
						+ "than twice the noise)" : "")
				+ (shortened ? String.format(Locale.ROOT, " after %.2f s of its window (clear of the "
						+ "bar by more than twice the noise of so short a measure)", trial.seconds()) : "")
				+ warmUpFigures(probe);
		this.keptElasticity = Double.NaN;
		if (probe.direction() == Direction.UP) {
			double required = bar - 1;
			// a gain that chance could give is no gain: a pool past the knee costs time held
			if (ratio >= bar + (probe.extended() ? chance : 0)) {
				this.keptElasticity = (ratio - 1) / ((double) probe.to() / probe.from() - 1);
				this.upBackoff = this.upBackoffBase;
				this.upAllowedAt = now;
				// a time held that grew is the server queueing: the size is past the knee; from
				// a window across a change of workload it may as well be the new workload's hold
				boolean queued = trial.heldMillis() > NO_QUEUE * this.noLoadHeldMillis;
				boolean acrossChange = queued && probe.isAcrossChange();
				this.downProbeAt = !queued ? now.plus(this.policy.probeInterval())
						: acrossChange ? now.plus(firstDownAfterChange()) : now;
				this.downBackoff = this.policy.probeInterval();
				this.downAnchor = Double.NaN;
				restartBaseline(trial);
				return outcome(new Step(probe.from(), probe.to(), Cause.KEPT,
						figures + ", at least " + signedPercent(required) + " needed: " + (acrossChange
								? "more throughput; the time held grew past the "
										+ String.format(Locale.ROOT, "%.1f ms", this.noLoadHeldMillis)
										+ " of the window across the change of workload, as a longer hold "
										+ "or a queue makes it: a probe down follows in "
										+ seconds(firstDownAfterChange()) + ", against this workload's own windows"
								: queued ? "more throughput, but the time held grew past the no-load "
										+ String.format(Locale.ROOT, "%.1f ms", this.noLoadHeldMillis)
										+ ": a probe down follows" : "below the knee")));
			}
			this.upAllowedAt = now.plus(this.upBackoff);
			this.growth = Math.min(GROWTH.length - 1, this.growth + 1);
			String next = seconds(this.upBackoff);
			this.upBackoff = min(this.upBackoff.multipliedBy(2),
					this.policy.probeInterval().multipliedBy(MAX_UP_BACKOFF_PROBE_INTERVALS));
			if (!this.downCheckedSinceShift) {
				this.downProbeAt = now;
			}
			// less throughput and a longer time held at the larger size: the server queued there.
			// A gain too small to keep says less: new connections are slow for their first
			// transactions, and the knee may lie between the two sizes
			this.downFirst = !this.downCheckedSinceShift && ratio < 1
					&& trial.heldMillis() > NO_QUEUE * probe.baseline().heldMillis();
			return outcome(change(probe.to(), probe.from(), Cause.REVERT, figures + ", at least "
					+ signedPercent(required) + " needed: the knee is at or below " + probe.from()
					+ (this.downFirst ? "; the time held grew with the size, the server queues: a probe down comes "
							+ "first" : "; next probe up in " + next + " at the earliest")));
		}
		this.downCheckedSinceShift = true;
		if (ratio >= bar) {
			if (Double.isNaN(this.downAnchor)) {
				this.downAnchor = probe.baseline().throughput();
			}
			this.downProbeAt = now;
			this.upAllowedAt = now.plus(this.upBackoff);
			restartBaseline(trial);
			return outcome(new Step(probe.from(), probe.to(), Cause.KEPT, figures + ", at most "
					+ signedPercent(-this.policy.tolerance()) + " allowed: past the knee"));
		}
		return outcome(change(probe.to(), probe.from(), Cause.REVERT, figures + ", at most "
				+ signedPercent(-this.policy.tolerance()) + " allowed: " + downFailed(probe, now)));
	}

	/**
	 * Return whether a probe was judged on one window that the controller closed early, its
	 * gain or its loss already clear of the bar ({@link #keepsAtOnce}, {@link
	 * #undoesAtOnce}).
	 */
	private boolean shortened(Probe probe, Measure trial) {
		return probe.windows() == 1
				&& trial.seconds() < 0.9 * this.policy.interval().toNanos() / 1e9;
	}

	/**
	 * Return what the log line says of a probe's first window, where the next ones judged it.
	 */
	private static String warmUpFigures(Probe probe) {
		Measure warmUp = probe.warmUp();
		return (warmUp != null) ? ", judged after the first window at the new size, which read "
				+ rate(warmUp.throughput()) + " per second while its " + (probe.to() - probe.from())
				+ " new connections were new" : "";
	}

	/**
	 * Fewer connections cost throughput: the size is at the knee from below as well, so
	 * probes up, which cost throughput too, come less often from here, and so do probes
	 * down.
	 * @return what the log line says of it
	 */
	private String downFailed(Probe probe, Instant now) {
		this.downCheckedSinceShift = true;
		this.downAnchor = Double.NaN;
		// a size that the share held down was never probed up from: the knee is not known
		// from above, and the share may have grown during the probe
		if (!this.downFromCeiling) {
			this.upBackoff = max(this.upBackoff, this.policy.probeInterval().dividedBy(4));
			if (this.upAllowedAt.isBefore(now.plus(this.upBackoff))) {
				this.upAllowedAt = now.plus(this.upBackoff);
			}
		}
		this.downProbeAt = now.plus(this.downBackoff);
		String next = seconds(this.downBackoff);
		this.downBackoff = min(this.downBackoff.multipliedBy(2),
				this.policy.probeInterval().multipliedBy(MAX_BACKOFF_FACTOR));
		return probe.from() + " is at the knee; next probe down in " + next;
	}

	/**
	 * Return whether a probe down is clear of its bar after its first window: farther from
	 * it than twice what chance and the windows' own ups and downs give one window, once
	 * those are known. A size far past the knee then goes on down, and one below it comes
	 * back, a window sooner.
	 */
	private boolean clearAfterOneWindow(Probe probe) {
		if (probe.direction() != Direction.DOWN || probe.windows() != 1 || Double.isNaN(this.windowSpread)) {
			return false;
		}
		Measure trial = probe.measure();
		return Math.abs(noisesFromBar(probe, trial, judgedSeconds(trial))) >= 2;
	}

	/**
	 * Return how far a probe's throughput lies above its bar (below, when negative), in
	 * units of the noise of a measure that lasted so many seconds: the larger of what
	 * chance gives the counts and of the windows' own spread scaled to that time.
	 */
	private double noisesFromBar(Probe probe, Measure trial, double seconds) {
		double ratio = trial.throughput() / reference(probe);
		double noise = Math.max(chance(probe.baseline(), trial), spread(probe.baseline(), seconds));
		return (ratio - (1 + probe.required())) / noise;
	}

	/**
	 * Return the throughput a probe is held to: the baseline's for a probe up, {@link
	 * #downReference} for a probe down.
	 */
	private double reference(Probe probe) {
		return (probe.direction() == Direction.DOWN) ? downReference(probe) : probe.baseline().throughput();
	}

	/**
	 * Return the throughput a probe down is held to: the baseline's, and the throughput at
	 * the size a run of kept probes down started from, whichever is higher.
	 */
	private double downReference(Probe probe) {
		double reference = probe.baseline().throughput();
		return Double.isNaN(this.downAnchor) ? reference : Math.max(reference, this.downAnchor);
	}

	/**
	 * Return the spread that chance alone gives the ratio of two throughputs measured from
	 * so many connections given back: one standard deviation of the ratio of two counts of
	 * independent events. A machine that stalls spreads it further; the bar a probe must
	 * pass by this much is where the counts alone would mislead.
	 */
	static double chance(Measure baseline, Measure trial) {
		return Math.sqrt(1.0 / Math.max(1, baseline.releases()) + 1.0 / Math.max(1, trial.releases()));
	}

	/**
	 * Return the spread that the windows' own ups and downs give the ratio of two
	 * throughputs: one window's standard deviation, from the mean change from one window to
	 * the next ({@code 2 sigma / sqrt(pi)} for two independent windows), scaled to the
	 * time each was measured for. Zero before two full windows at a steady size.
	 */
	private double spread(Measure baseline, Measure trial) {
		return spread(baseline, judgedSeconds(trial));
	}

	/**
	 * Return the time a judged measure counts for: what it lasted, at least a window.
	 */
	private double judgedSeconds(Measure trial) {
		return Math.max(this.policy.interval().toNanos() / 1e9, trial.seconds());
	}

	/**
	 * Return the spread that the windows' own ups and downs give the ratio of a baseline's
	 * throughput and one measured for so many seconds: as {@link #spread(Measure, Measure)},
	 * the second measure counted for the time it lasted even where that is less than a
	 * window, so the shorter, the wider.
	 */
	private double spread(Measure baseline, double trialSeconds) {
		if (Double.isNaN(this.windowSpread)) {
			return 0;
		}
		double window = this.policy.interval().toNanos() / 1e9;
		double sigma = this.windowSpread * Math.sqrt(Math.PI) / 2;
		return sigma * Math.sqrt(window / Math.max(window, baseline.seconds()) + window / trialSeconds);
	}

	/**
	 * Follow how much the throughput changes from one full window to the next at a steady
	 * size: the machine's own noise, which a probe's figures carry too. A change past the
	 * share that marks a changed workload counts as that share.
	 */
	private void noteSpread(Window window, Measure measure) {
		Measure previous = this.previousWindow;
		boolean full = window.length().compareTo(this.policy.interval().multipliedBy(9).dividedBy(10)) >= 0;
		this.previousWindow = full ? measure : null;
		if (previous == null || !full || previous.throughput() <= 0) {
			return;
		}
		double change = Math.min(SHIFT, Math.abs(measure.throughput() / previous.throughput() - 1));
		this.windowSpread = Double.isNaN(this.windowSpread) ? change
				: this.windowSpread + (change - this.windowSpread) / SPREAD_WINDOWS;
	}

	/**
	 * Return the share of throughput an up probe must add: a tenth of what the added
	 * connections add below the knee, and no less than twice the tolerance.
	 */
	private double required(int from, int to) {
		return Math.max(2 * this.policy.tolerance(), ELASTICITY * ((double) to / from - 1));
	}

	private void detectShift(Measure measure, boolean waited, Instant now) {
		if (waited && !this.waitedBefore) {
			// threads wait where none did: more connections may help again
			this.upAllowedAt = now;
			this.upBackoff = this.upBackoffBase;
			this.growth = 0;
		}
		Measure base = (this.baseline.size() >= 2) ? baselineMeasure() : null;
		boolean off = base != null && (Math.abs(measure.throughput() / base.throughput() - 1) > SHIFT
				|| Math.abs(measure.heldMillis() / base.heldMillis() - 1) > SHIFT);
		this.shiftStreak = off ? this.shiftStreak + 1 : 0;
		if (this.shiftStreak >= 2) {
			shift(now, measure.heldMillis());
		}
	}

	/**
	 * Start over on a workload that changed: a baseline of its own, probes up at once,
	 * probes down after a quarter of the probe interval.
	 */
	private void shift(Instant now, double heldMillis) {
		this.shiftStreak = 0;
		this.growth = 0;
		this.keptElasticity = Double.NaN;
		this.baseline.clear();
		this.previousWindow = null;
		this.noLoadHeldMillis = heldMillis;
		this.downAnchor = Double.NaN;
		this.upAllowedAt = now;
		this.upBackoff = this.upBackoffBase;
		this.downBackoff = this.policy.probeInterval();
		this.downCheckedSinceShift = false;
		this.downFirst = false;
		this.downProbeAt = now.plus(firstDownAfterChange());
	}

	/**
	 * Return whether more than a quarter of the pool's sessions in a transaction are at
	 * work on the server: its CPU, disks or locks bound the throughput, and a time held
	 * that grew is a queue there rather than a sleep or the client's time.
	 */
	private static boolean atWork(double workShare) {
		return workShare > WAIT_BOUND_WORK;
	}

	/**
	 * Return how long after a change of workload the first probe down waits where the time
	 * held grew with it: long enough for a baseline of the new workload's own windows, taken
	 * once the new connections warmed up.
	 */
	private Duration firstDownAfterChange() {
		return this.policy.probeInterval().dividedBy(4);
	}

	/**
	 * Return whether callers changed by half (and one), up or down: a change of workload.
	 */
	static boolean isJump(double demand, double before) {
		return grewByHalf(Math.max(demand, before), Math.min(demand, before));
	}

	private static boolean grewByHalf(double demand, double before) {
		return demand > DEMAND_SHIFT * before + 1;
	}

	/**
	 * Return whether a probe up to so many callers, within the ceiling, would at least
	 * double the pool.
	 */
	private boolean doublesAtOnce(int callers) {
		AdaptiveSizingPolicy.Share share = this.share;
		return share != null && Math.min(ceiling(share), callers) >= GROWTH[0] * this.limit;
	}

	private int ceiling(AdaptiveSizingPolicy.Share share) {
		return Math.min(this.policy.maximum(), share.growthCeiling());
	}

	/**
	 * End a probe during which the callers grew by half. Under a larger size that is the
	 * workload growing (a larger size only lets callers through sooner): its figures compare
	 * two workloads, so it is kept as where the grown workload starts and the finder measures
	 * afresh; where the time held grew with the pool's sessions at work on the server, a
	 * probe down comes before any probe up. Under a smaller size the callers that wait may be
	 * its own doing, where requests keep arriving: it is undone as a probe down that cost
	 * throughput, and a workload that grew shows against the baseline after it.
	 */
	private Step callersGrew(Probe probe, Measure measure, Instant now) {
		String reason = String.format(Locale.ROOT,
				"the callers (connections in use and threads waiting) went from %.1f to %.1f during the probe",
				probe.baseline().demand(), measure.demand());
		if (probe.direction() == Direction.UP) {
			shift(now, Double.NaN);
			// a time held that grew with the workload may be its longer hold as well as a queue
			// at the server: a probe down follows once this workload's own windows are in the
			// baseline, and after the probe interval where it did not grow
			boolean grew = measure.heldMillis() > NO_QUEUE * probe.baseline().heldMillis();
			this.downProbeAt = now.plus(grew ? firstDownAfterChange() : this.policy.probeInterval());
			// with its sessions at work on the server the longer hold is no sleep or client
			// time but a queue there, which a probe up would only lengthen: the probe down
			// comes first. Not otherwise: threads that wait start probes up meanwhile
			this.downFirst = grew && atWork(this.workShare);
			String held = !grew ? ""
					: String.format(Locale.ROOT, "; the time held grew from %.1f to %.1f ms",
							probe.baseline().heldMillis(), measure.heldMillis())
							+ (this.downFirst ? " with " + percent(this.workShare) + " of its sessions at work on the "
									+ "server, a queue there" : ", as a longer hold or a queue makes it")
							+ ": a probe down follows in " + seconds(firstDownAfterChange())
							+ (this.downFirst ? ", before any probe up" : "");
			return new Step(probe.from(), probe.to(), Cause.KEPT,
					reason + ": the workload grew, " + probe.to() + " is where it starts" + held);
		}
		return change(probe.to(), probe.from(), Cause.REVERT, reason + ": " + downFailed(probe, now));
	}

	private void addToBaseline(Measure measure) {
		this.baseline.addLast(measure);
		while (this.baseline.size() > BASELINE_WINDOWS) {
			this.baseline.removeFirst();
		}
	}

	private void restartBaseline(Measure measure) {
		this.baseline.clear();
		this.baseline.addLast(measure);
	}

	/**
	 * Return the figures at the current size: the window with the median throughput of
	 * the last three, so that one window that the machine stalled does not set the bar; the
	 * windows together while there are fewer.
	 */
	private Measure baselineMeasure() {
		if (this.baseline.size() >= BASELINE_WINDOWS) {
			List<Measure> sorted = new ArrayList<>(this.baseline);
			sorted.sort(Comparator.comparingDouble(Measure::throughput));
			return sorted.get(sorted.size() / 2);
		}
		Measure sum = null;
		for (Measure measure : this.baseline) {
			sum = (sum != null) ? sum.plus(measure) : measure;
		}
		Measure latest = this.latest;
		return (sum != null) ? sum : (latest != null) ? latest : new Measure(0, 0, 0, 0);
	}

	private Step change(int from, int to, Cause cause, String reason) {
		this.limit = to;
		this.previousWindow = null;
		// a probe undone returns to the size its baseline was measured at: the baseline
		// stays, so that a workload that changed during the probe shows against it
		if (cause != Cause.PROBE && cause != Cause.REVERT) {
			this.baseline.clear();
		}
		return new Step(from, to, cause, reason);
	}

	private Step outcome(Step step) {
		this.lastOutcome = step;
		return step;
	}

	private String fleetReason(AdaptiveSizingPolicy.Share share) {
		FleetCensus census = this.census;
		String who = (census != null) ? " (" + census.describeInstances(this.service, this.self) + ")" : "";
		return share.instances() + " live instance(s)" + who + " share the fleet budget of " + share.fleetBudget()
				+ ": " + share.describe();
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private static String seconds(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

	private static String rate(double perSecond) {
		return String.format(Locale.ROOT, "%.0f", perSecond);
	}

	private static String percent(double share) {
		return String.format(Locale.ROOT, "%.0f %%", share * 100);
	}

	private static String signedPercent(double share) {
		return String.format(Locale.ROOT, "%+.0f %%", share * 100);
	}

	/**
	 * What the pool and the server showed in one window.
	 *
	 * @param at when the window closed
	 * @param length how long it lasted
	 * @param releases connections given back in it
	 * @param meanInUse connections in use on average
	 * @param peakInUse most connections in use at one look
	 * @param meanWaiting threads waiting for a connection on average
	 * @param peakWaiting most threads waiting at one look
	 * @param timeouts borrows that timed out in it
	 * @param fleet the server's view, or {@code null} when it gave none in time
	 */
	public record Window(Instant at, Duration length, long releases, double meanInUse, int peakInUse,
			double meanWaiting, int peakWaiting, long timeouts, @Nullable Fleet fleet) {

		Measure measure() {
			double seconds = this.length.toNanos() / 1e9;
			return new Measure(this.releases, seconds, this.meanInUse * seconds, this.meanWaiting * seconds);
		}

	}

	/**
	 * Throughput and time held over one or more windows.
	 *
	 * @param releases connections given back
	 * @param seconds time measured
	 * @param inUseSeconds connections in use integrated over the time
	 * @param waitingSeconds threads waiting integrated over the time
	 */
	public record Measure(long releases, double seconds, double inUseSeconds, double waitingSeconds) {

		/**
		 * Return connections given back per second.
		 * @return the throughput
		 */
		public double throughput() {
			return (this.seconds > 0) ? this.releases / this.seconds : 0;
		}

		/**
		 * Return the mean time a connection was held, by Little's law.
		 * @return milliseconds
		 */
		public double heldMillis() {
			return (this.releases > 0) ? this.inUseSeconds * 1000 / this.releases : 0;
		}

		/**
		 * Return the callers on average: connections in use and threads waiting.
		 * @return the demand on the pool
		 */
		public double demand() {
			return (this.seconds > 0) ? (this.inUseSeconds + this.waitingSeconds) / this.seconds : 0;
		}

		Measure plus(Measure other) {
			return new Measure(this.releases + other.releases, this.seconds + other.seconds,
					this.inUseSeconds + other.inUseSeconds, this.waitingSeconds + other.waitingSeconds);
		}

	}

	/**
	 * What the server showed of the fleet.
	 *
	 * @param census who holds the server's connections
	 * @param usableConnections max_connections less the reserved ones
	 * @param mine connections this instance's pool holds
	 * @param serverUtilization share of the usable connections in use
	 * @param workShare share of this pool's sessions in a transaction that are at work on
	 * the server (running, or waiting for its disks or locks), or NaN when unknown
	 */
	public record Fleet(FleetCensus census, int usableConnections, int mine, double serverUtilization,
			double workShare) {

		/**
		 * Read the fleet from a server sample.
		 * @param activity the sample
		 * @param workShare the share of the pool's sessions in a transaction at work on the
		 * server over the window's samples, or NaN
		 * @return the fleet
		 */
		public static Fleet of(ServerActivity activity, double workShare) {
			return new Fleet(activity.census(), activity.usableConnections(), activity.applicationTotal(),
					activity.serverUtilization(), workShare);
		}

	}

	/**
	 * The direction of a probe.
	 */
	public enum Direction {

		/**
		 * A larger size.
		 */
		UP,

		/**
		 * A smaller size.
		 */
		DOWN

	}

	/**
	 * A size tried for a window or two, and the figures it is judged on.
	 */
	public static final class Probe {

		private final Direction direction;

		private final int from;

		private final int to;

		private final Measure baseline;

		// the change of throughput the probe must show: a gain up, a loss it may not pass
		// down
		private final double required;

		private final int needed;

		private @Nullable Measure measure;

		private int windows;

		private boolean extended;

		// started from a window across a change of workload: its baseline's time held is no
		// no-load one
		private boolean acrossChange;

		// the first window of a probe up that fell short while half its connections were new
		private @Nullable Measure warmUp;

		Probe(Direction direction, int from, int to, Measure baseline, double required, int needed) {
			this.direction = direction;
			this.from = from;
			this.to = to;
			this.baseline = baseline;
			this.required = required;
			this.needed = needed;
		}

		public Direction direction() {
			return this.direction;
		}

		public int from() {
			return this.from;
		}

		public int to() {
			return this.to;
		}

		Measure baseline() {
			return this.baseline;
		}

		double required() {
			return this.required;
		}

		int needed() {
			return this.extended ? 2 * this.needed : this.needed;
		}

		boolean extended() {
			return this.extended;
		}

		void extend() {
			this.extended = true;
		}

		boolean isAcrossChange() {
			return this.acrossChange;
		}

		void acrossChange() {
			this.acrossChange = true;
		}

		int windows() {
			return this.windows;
		}

		/**
		 * Return whether the probe opens at least as many connections as the pool had.
		 */
		boolean opensAsManyAsItHad() {
			return this.to >= 2 * this.from;
		}

		@Nullable Measure warmUp() {
			return this.warmUp;
		}

		/**
		 * Set the windows so far aside as the new connections' warm-up: the next ones judge
		 * the probe.
		 */
		void warmedUp() {
			this.warmUp = this.measure;
			this.measure = null;
			this.windows = 0;
		}

		Measure measure() {
			Measure measure = this.measure;
			return (measure != null) ? measure : new Measure(0, 0, 0, 0);
		}

		void add(Measure window) {
			Measure measure = this.measure;
			this.measure = (measure != null) ? measure.plus(window) : window;
			this.windows++;
		}

	}

	/**
	 * Why the size changed, or a probe ended.
	 */
	public enum Cause {

		/**
		 * A probe starts: a size tried for a window or two.
		 */
		PROBE,

		/**
		 * A probe's size is kept: more connections added throughput, or fewer cost none.
		 */
		KEPT,

		/**
		 * A probe's size is undone.
		 */
		REVERT,

		/**
		 * More instances share the fleet budget, or other applications left less of it.
		 */
		FLEET,

		/**
		 * Connections sat unused.
		 */
		IDLE

	}

	/**
	 * One step of the finder: a change of the pool's maximum size, or a probe's size kept.
	 *
	 * @param from the size before
	 * @param to the size after
	 * @param cause why
	 * @param reason the figures behind it
	 */
	public record Step(int from, int to, Cause cause, String reason) {

		/**
		 * Return whether the pool's size changes with this step.
		 * @return whether it is a change
		 */
		public boolean isChange() {
			return this.cause != Cause.KEPT && this.from != this.to;
		}

		/**
		 * Return the direction, as the {@code direction} tag has it.
		 * @return {@code grow} or {@code shrink}
		 */
		public String direction() {
			return (this.to > this.from) ? "grow" : "shrink";
		}

		/**
		 * Describe the step for the log.
		 * @param poolName the pool's name
		 * @return such as {@code Pool 'primary' keeps 32 connections (probe up from 16): ...}
		 */
		public String describe(String poolName) {
			String pool = "Pool '" + poolName + "' ";
			return switch (this.cause) {
				case PROBE -> pool + "probes " + this.to + " connections (from " + this.from + "): " + this.reason;
				case KEPT -> pool + "keeps " + this.to + " connections (probe " + ((this.to > this.from) ? "up" : "down")
						+ " from " + this.from + "): " + this.reason;
				case REVERT -> pool + "returns to " + this.to + " connections (probe of " + this.from + "): "
						+ this.reason;
				case FLEET, IDLE -> pool + ((this.to > this.from) ? "grows " : "shrinks ") + this.from + " -> "
						+ this.to + ": " + this.reason;
			};
		}

	}

}
