package dev.poolstarter.postgres.adaptive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.poolstarter.postgres.server.FleetCensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests of the decisions of {@link KneeFinder} on windows from a model of a server: a
 * closed loop of callers, each holding a connection for a no-load time when the server
 * has room, and a server that completes no more than its knee's worth of work at once, a
 * little less the further past the knee it is pushed. The fleet cases use a budget of 12
 * connections (0.12 of 100 usable), three kept free for a starting instance (its minimum,
 * its monitor's connection and its start-up check's) and one for each live instance's
 * monitor.
 */
class KneeFinderTests {

	private static final AdaptiveSizingPolicy POLICY = new AdaptiveSizingPolicy(1, Integer.MAX_VALUE,
			Duration.ofSeconds(1), Duration.ofSeconds(20), 0.03, 0.8, 0.8, null);

	private static final AdaptiveSizingPolicy POLICY_UP_TO_76 = new AdaptiveSizingPolicy(1, 76,
			Duration.ofSeconds(1), Duration.ofSeconds(20), 0.03, 0.8, 0.8, null);

	private static final AdaptiveSizingPolicy FLEET_POLICY = new AdaptiveSizingPolicy(1, 20, Duration.ofSeconds(1),
			Duration.ofSeconds(20), 0.03, 0.8, 0.12, null);

	@Test
	void goesToTheCallersAtOnceThenProbesDownToTheKneeAndDoublesFromThere() {
		Server server = new Server(128, 16, 2.0);
		Run run = new Run(finder(POLICY, 2), server);
		run.windows(40);
		assertThat(run.sizes()).as("2, then the callers at once (128, within the share of 76)").startsWith(2, 76);
		assertThat(run.outcomes()).first().satisfies((step) -> assertThat(step.describe("primary")).isEqualTo(
				"Pool 'primary' keeps 76 connections (probe up from 2): throughput 1000 -> 7040 per second (+604 %), "
						+ "time held 2.0 -> 10.8 ms, at least +10 % needed: more throughput, but the time held grew "
						+ "past the no-load 2.0 ms: a probe down follows"));
		assertThat(run.outcomes()).anySatisfy((step) -> assertThat(step.describe("primary"))
			.isEqualTo("Pool 'primary' keeps 18 connections (probe down from 26): throughput 7840 -> 7968 per second "
					+ "(+2 %), time held 3.3 -> 2.3 ms, at most -3 % allowed: past the knee"));
		assertThat(run.settledSize()).isBetween(16, 24);
		// once probed down, threads that wait make it double, not go to the callers again
		assertThat(run.sizes().subList(15, 40)).doesNotContain(76).contains(36);
		assertThat(run.outcomes()).anySatisfy((step) -> assertThat(step.describe("primary")).startsWith(
				"Pool 'primary' returns to 18 connections (probe of 36): throughput 7968 -> 7680 per second (-4 %), "
						+ "time held 2.3 -> 4.7 ms, judged after the first window at the new size, which read 7680 "
						+ "per second while its 18 new connections were new, at least +10 % needed: the knee is at "
						+ "or below 18; next probe up in 5 s at the earliest"));
	}

	@Test
	void whereMostSessionsAreAtWorkOnTheServerTheFirstProbeDoublesInsteadOfGoingToTheCallers() {
		Server working = new Server(128, 16, 2.0).atWork(0.9);
		Run run = new Run(finder(POLICY, 4), working);
		run.windows(6);
		assertThat(run.sizes()).as("4, doubling to the knee, not the callers (76)").startsWith(4, 8, 16)
			.doesNotContain(76);
		assertThat(run.steps.get(0).reason()).contains("90 % of its sessions in a transaction at work on the server");
		Server waiting = new Server(128, 16, 2.0).atWork(0.1);
		Run waitingRun = new Run(finder(POLICY, 4), waiting);
		waitingRun.windows(2);
		assertThat(waitingRun.sizes()).as("sessions that mostly wait: the callers at once").startsWith(4, 76);
	}

	@Test
	void whileEachProbeUpGainsAtLeastHalfOfWhatItsConnectionsWouldGiveBelowTheKneeItGoesOnDoubling() {
		// a server that scales less than in proportion: from 4 to 8 connections +70 %, from
		// 8 to 16 +54 %, from 16 to 32 +37 %, the time held growing with each
		Server server = new Server(128, 32, 1.0).contention(0.05).atWork(0.9);
		Run run = new Run(finder(POLICY, 4), server);
		run.windows(4);
		assertThat(run.sizes()).as("doubling, though at 16 the time held is 1.4 x the 1.2 ms at 4")
			.containsExactly(4, 8, 16, 32);
		assertThat(run.steps).filteredOn((step) -> step.from() == 16 && step.cause() == KneeFinder.Cause.PROBE)
			.singleElement()
			.satisfies((step) -> assertThat(step.reason()).startsWith("112.0 threads waiting"
					+ ", time held 1.7 ms (no-load 1.2 ms), the last probe up gave 54 % of what its connections "
					+ "would give below the knee"));
	}

	@Test
	void aDoublingClearOfItsBarInPartOfItsWindowMayBeKeptAtOnce() {
		KneeFinder finder = finder(POLICY, 4);
		KneeFinder.Measure twice = new KneeFinder.Measure(2400, 0.3, 2.4, 36);
		assertThat(finder.keepsAtOnce(twice)).as("no probe under way").isFalse();
		Server server = new Server(128, 32, 1.0).atWork(0.9);
		assertThat(finder.decide(server.window(1000, 4))).singleElement()
			.satisfies((step) -> assertThat(step.to()).isEqualTo(8));
		// 0.3 s at 8 connections: twice the 4000 per second of the baseline
		assertThat(finder.keepsAtOnce(twice)).isTrue();
		// +12 % where +10 % is needed: within twice what chance gives 1344 connections given
		// back against 4000 (3 %)
		assertThat(finder.keepsAtOnce(new KneeFinder.Measure(1344, 0.3, 2.4, 36))).isFalse();
		// the controller closes the window there: the probe is judged on it
		KneeFinder.Window early = new KneeFinder.Window(Instant.ofEpochMilli(1300), Duration.ofMillis(300), 2400, 8,
				8, 120, 120, 0, server.window(1300, 8).fleet());
		List<KneeFinder.Step> steps = finder.decide(early);
		assertThat(steps).extracting(KneeFinder.Step::cause)
			.containsExactly(KneeFinder.Cause.KEPT, KneeFinder.Cause.PROBE);
		assertThat(steps.get(0).describe("primary")).isEqualTo("Pool 'primary' keeps 8 connections (probe up from "
				+ "4): throughput 4000 -> 8000 per second (+100 %), time held 1.0 -> 1.0 ms after 0.30 s of its window "
				+ "(clear of the bar by more than twice the noise of so short a measure), at least +10 % needed: "
				+ "below the knee");
		assertThat(finder.limit()).as("doubling again: no sign of queueing").isEqualTo(16);
	}

	@Test
	void growsNoFurtherThanTheThreadsThatWait() {
		Server server = new Server(12, 1000, 5.0);
		Run run = new Run(finder(POLICY, 4), server);
		run.windows(10);
		assertThat(run.finder.limit()).as("4 + 8 waiting").isEqualTo(12);
		assertThat(run.sizes()).doesNotContain(13, 16, 24);
	}

	@Test
	void shrinksTowardTheKneeFromFarAboveIt() {
		Server server = new Server(128, 8, 1.0);
		Run run = new Run(finder(POLICY, 64), server);
		run.windows(60);
		assertThat(run.settledSize()).isBetween(8, 12);
		assertThat(run.outcomes()).anySatisfy((step) -> assertThat(step.describe("primary"))
			.startsWith("Pool 'primary' keeps 45 connections (probe down from 64): throughput ")
			.endsWith("at most -3 % allowed: past the knee"));
	}

	@Test
	void aProbeDownThatCostsThroughputIsUndoneAndTriedLessOften() {
		Server server = new Server(64, 16, 2.0);
		Run run = new Run(finder(POLICY, 16), server);
		run.windows(200);
		assertThat(run.settledSize()).isEqualTo(16);
		List<Instant> downProbes = run.probesAt(KneeFinder.Direction.DOWN);
		assertThat(downProbes).hasSizeGreaterThanOrEqualTo(3);
		Duration first = Duration.between(downProbes.get(0), downProbes.get(1));
		Duration later = Duration.between(downProbes.get(downProbes.size() - 2), downProbes.get(downProbes.size() - 1));
		assertThat(later).isGreaterThan(first.multipliedBy(3));
	}

	@Test
	void followsAKneeThatMoves() {
		Server server = new Server(128, 8, 1.0);
		Run run = new Run(finder(POLICY, 8), server);
		run.windows(30);
		assertThat(run.settledSize()).isBetween(8, 12);
		// the queries now wait on something besides the server's cores: the knee moves to 48
		server.knee = 48;
		server.heldMillis = 4.0;
		int before = run.windows.size();
		run.windows(15);
		assertThat(run.settledSize()).isBetween(48, 72);
		assertThat(run.changesAfter(before)).isLessThanOrEqualTo(10);
	}

	@Test
	void movesOnlyInProbesAtSteadyLoadWithNoise() {
		Server server = new Server(128, 16, 2.0);
		server.noise = 0.10;
		Run run = new Run(finder(POLICY, 16), server);
		run.windows(600);
		int[] sizes = run.sizes().stream().skip(60).mapToInt(Integer::intValue).toArray();
		long atOrNearTheKnee = java.util.Arrays.stream(sizes).filter((size) -> size >= 11 && size <= 24).count();
		assertThat(atOrNearTheKnee).as("windows within 0.7 and 1.5 x the knee").isGreaterThan(sizes.length * 9 / 10);
		assertThat(run.changesAfter(60)).as("changes in 540 windows").isLessThan(120);
	}

	@Test
	void aGainWithinChanceOfTheBarIsMeasuredTwiceAsLongAndKeptOnlyClearOfIt() {
		// 1.5 x needs +6 %: +12 % from about a hundred connections given back per window is
		// within chance of it, so the probe runs a second window and is then undone
		KneeFinder finder = finder(POLICY, 8);
		assertThat(finder.decide(window(0, 8, 100, 8, 4, 0, fleet(List.of("a"), 8, 8)))).singleElement()
			.extracting(KneeFinder.Step::to)
			.isEqualTo(12);
		assertThat(finder.decide(window(1000, 12, 112, 12, 0, 0, fleet(List.of("a"), 12, 12)))).isEmpty();
		assertThat(finder.probe()).isNotNull();
		assertThat(finder.decide(window(2000, 12, 112, 12, 0, 0, fleet(List.of("a"), 12, 12)))).singleElement()
			.satisfies((step) -> {
				assertThat(step.cause()).isEqualTo(KneeFinder.Cause.REVERT);
				assertThat(step.to()).isEqualTo(8);
			});
		// the same gain from ten thousand per window is no chance: kept after one window
		KneeFinder busier = finder(POLICY, 8);
		busier.decide(window(0, 8, 10_000, 8, 4, 0, fleet(List.of("a"), 8, 8)));
		assertThat(busier.decide(window(1000, 12, 11_200, 12, 0, 0, fleet(List.of("a"), 12, 12)))).first()
			.satisfies((step) -> {
				assertThat(step.cause()).isEqualTo(KneeFinder.Cause.KEPT);
				assertThat(step.to()).isEqualTo(12);
			});
	}

	@Test
	void aLossWithinChanceOfTheToleranceIsMeasuredTwiceAsLongBeforeAProbeDownIsJudged() {
		KneeFinder finder = finder(POLICY, 16);
		long at = untilAProbe(finder, 0, 400);
		assertThat(finder.probe().direction()).isEqualTo(KneeFinder.Direction.DOWN);
		// -5 % against a tolerance of 3 %, from some 800 connections given back: within chance
		finder.decide(window(at, 11, 380, 11, 0, 0, fleet(List.of("a"), 11, 11)));
		assertThat(finder.decide(window(at + 1000, 11, 380, 11, 0, 0, fleet(List.of("a"), 11, 11)))).isEmpty();
		finder.decide(window(at + 2000, 11, 400, 11, 0, 0, fleet(List.of("a"), 11, 11)));
		assertThat(finder.decide(window(at + 3000, 11, 400, 11, 0, 0, fleet(List.of("a"), 11, 11))))
			.singleElement()
			.satisfies((step) -> {
				assertThat(step.cause()).isEqualTo(KneeFinder.Cause.KEPT);
				assertThat(step.to()).isEqualTo(11);
			});
	}

	@Test
	void aProbeDownClearOfItsToleranceInPartOfItsWindowIsUndoneAtOnce() {
		KneeFinder finder = finder(POLICY, 16);
		KneeFinder.Measure fifthLess = new KneeFinder.Measure(2400, 0.3, 3.3, 1.5);
		assertThat(finder.undoesAtOnce(fifthLess)).as("no probe under way").isFalse();
		long at = untilAProbe(finder, 0, 10_000);
		assertThat(finder.probe().to()).isEqualTo(11);
		// 0.3 s at 11 connections: -20 % of the 10 000 per second before it
		assertThat(finder.undoesAtOnce(fifthLess)).isTrue();
		// -4 % where at most -3 % is allowed: within twice what chance gives 2 880
		// connections given back against 10 000 (2 %)
		assertThat(finder.undoesAtOnce(new KneeFinder.Measure(2880, 0.3, 3.3, 1.5))).isFalse();
		// the controller closes the window there: the probe is judged on it and undone
		KneeFinder.Window early = new KneeFinder.Window(Instant.ofEpochMilli(at), Duration.ofMillis(300), 2400, 11,
				11, 5, 5, 0, fleet(List.of("a"), 11, 11));
		assertThat(finder.decide(early)).singleElement()
			.satisfies((step) -> assertThat(step.describe("primary")).isEqualTo("Pool 'primary' returns to 16 "
					+ "connections (probe of 11): throughput 10000 -> 8000 per second (-20 %), time held 1.6 -> 1.4 "
					+ "ms after 0.30 s of its window (clear of the bar by more than twice the noise of so short a "
					+ "measure), at most -3 % allowed: 16 is at the knee; next probe down in 20 s"));
		assertThat(finder.probe()).isNull();
		assertThat(finder.limit()).isEqualTo(16);
		// a probe up is not undone early: only kept
		KneeFinder up = finder(POLICY, 4);
		up.decide(new Server(128, 32, 1.0).atWork(0.9).window(1000, 4));
		assertThat(up.probe().direction()).isEqualTo(KneeFinder.Direction.UP);
		assertThat(up.undoesAtOnce(new KneeFinder.Measure(100, 0.3, 2.4, 36))).isFalse();
	}

	@Test
	void aResultWithinTheSpreadOfTheWindowsIsMeasuredTwiceAsLong() {
		// the same probe down twice: 2 windows at -1 % against a tolerance of 3 %, then 2 at
		// -20 %. From ten thousand connections given back per window chance alone is about
		// 1 %, so on steady windows the first two are judged and kept; on windows that go up
		// and down by 10 % and more from one to the next, they are within chance of the bar
		// and the probe runs two more, which undo it
		long[] steady = { 10_000, 10_000, 10_000 };
		long[] noisy = { 10_000, 11_000, 9_000 };
		assertThat(probeDownOn(steady)).first().satisfies((step) -> {
			assertThat(step.cause()).isEqualTo(KneeFinder.Cause.KEPT);
			assertThat(step.to()).isEqualTo(11);
		});
		assertThat(probeDownOn(noisy)).singleElement().satisfies((step) -> {
			assertThat(step.cause()).isEqualTo(KneeFinder.Cause.REVERT);
			assertThat(step.to()).isEqualTo(16);
			assertThat(step.reason()).contains("over 4 windows (after 2 it was within chance of the bar)");
		});
		KneeFinder finder = finder(POLICY, 16);
		assertThat(finder.windowSpread()).as("before two windows at a steady size").isNaN();
		for (int i = 0; i < 4; i++) {
			finder.decide(window(i * 1000L, 16, noisy[i % noisy.length], 16, 0, 0, fleet(List.of("a"), 16, 16)));
		}
		// +10 %, -18 %, +11 %: the first change, then each later one with a weight of an
		// eighth
		assertThat(finder.windowSpread()).isBetween(0.10, 0.12);
	}

	/**
	 * Feed windows at 16 with the given throughputs in turn until a probe down starts, then
	 * the probe's windows at 11: two at 9 900 and, if it asks for more, two at 8 000.
	 * @return the outcome
	 */
	private static List<KneeFinder.Step> probeDownOn(long[] releases) {
		return probeDownOn(releases, 9_900, 9_900, 8_000, 8_000);
	}

	/**
	 * Feed windows at 16 with the given throughputs in turn until a probe down starts, then
	 * the probe's windows at 11 until it ends or the windows run out.
	 * @return the steps of the probe's windows
	 */
	private static List<KneeFinder.Step> probeDownOn(long[] releases, long... probeWindows) {
		KneeFinder finder = finder(POLICY, 16);
		long at = untilAProbe(finder, 0, releases);
		assertThat(finder.probe().to()).isEqualTo(11);
		List<KneeFinder.Step> steps = new ArrayList<>();
		for (long probeWindow : probeWindows) {
			if (finder.probe() == null) {
				break;
			}
			steps.addAll(finder.decide(window(at, 11, probeWindow, 11, 0, 0, fleet(List.of("a"), 11, 11))));
			at += 1000;
		}
		return steps;
	}

	@Test
	void aProbeUpThatOpensAsManyConnectionsAsThePoolHadIsJudgedOnTheWindowAfterAFirstThatFellShort() {
		for (long second : new long[] { 1600, 820 }) {
			// 16 callers at 8 connections, 10 ms held: the probe doubles the pool
			KneeFinder finder = finder(POLICY, 8);
			assertThat(finder.decide(window(0, 8, 800, 8, 8, 0, fleet(List.of("a"), 8, 8)))).singleElement()
				.satisfies((step) -> assertThat(step.to()).isEqualTo(16));
			// +6 % while half the connections are new: short of the +10 % asked, and no verdict
			assertThat(finder.decide(window(1000, 16, 850, 16, 0, 0, fleet(List.of("a"), 16, 16)))).isEmpty();
			assertThat(finder.probe()).isNotNull();
			// the next window alone judges the size: twice the throughput, or +3 %
			assertThat(finder.decide(window(2000, 16, second, 16, 0, 0, fleet(List.of("a"), 16, 16))))
				.singleElement()
				.satisfies((step) -> {
					assertThat(step.cause())
						.isEqualTo((second > 1000) ? KneeFinder.Cause.KEPT : KneeFinder.Cause.REVERT);
					assertThat(step.reason()).startsWith("throughput 800 -> " + second + " per second")
						.contains(", judged after the first window at the new size, which read 850 per second while "
								+ "its 8 new connections were new");
				});
		}
	}

	@Test
	void aProbeUpThatLostThroughputWhileTheTimeHeldGrewIsFollowedByAProbeDown() {
		// 32 callers at 32 connections, then 128 callers: the pool probes the callers at once
		// (76), where the server queues: 21 ms held instead of 8, and less throughput. The
		// size is past the knee, so once two windows at 32 are measured the next probe asks
		// for fewer, although a probe up (48) would be due by then
		KneeFinder.Probe next = probeAfterTheCallersAtOnce(3600);
		assertThat(next.direction()).isEqualTo(KneeFinder.Direction.DOWN);
		assertThat(next.to()).isEqualTo(22);
		// +10 % at 17 ms held: too little to keep, but a gain; the knee may lie between 32 and
		// 76 (or the new connections were slow at first), so the next probe is a smaller one up
		next = probeAfterTheCallersAtOnce(4400);
		assertThat(next.direction()).isEqualTo(KneeFinder.Direction.UP);
		assertThat(next.to()).isEqualTo(48);
	}

	@Test
	void aPoolAtItsMinimumProbesUpAgainAfterAProbeUpThatLostThroughput() {
		// no probe down can come from the minimum (2): the probes up go on once their wait is over
		AdaptiveSizingPolicy policy = new AdaptiveSizingPolicy(2, 76, Duration.ofSeconds(1), Duration.ofSeconds(20),
				0.03, 0.8, 0.8, null);
		KneeFinder finder = finder(policy, 2);
		assertThat(finder.decide(window(0, 2, 200, 2, 6, 0, fleet(List.of("a"), 2, 2)))).singleElement()
			.satisfies((step) -> assertThat(step.to()).isEqualTo(8));
		assertThat(finder.decide(window(500, 8, 180, 8, 0, 0, fleet(List.of("a"), 8, 8)))).isEmpty();
		assertThat(finder.decide(window(1000, 8, 180, 8, 0, 0, fleet(List.of("a"), 8, 8)))).singleElement()
			.satisfies((step) -> assertThat(step.cause()).isEqualTo(KneeFinder.Cause.REVERT));
		long at = 2000;
		while (finder.probe() == null && at <= 30_000) {
			finder.decide(window(at, 2, 200, 2, 6, 0, fleet(List.of("a"), 2, 2)));
			at += 1000;
		}
		assertThat(finder.probe()).as("a probe up within 30 s").isNotNull()
			.satisfies((probe) -> assertThat(probe.direction()).isEqualTo(KneeFinder.Direction.UP));
	}

	@Test
	void noProbeUpWhileTheServerQueuesThePoolsSessions() {
		// 64 connections hold 6.4 ms each, and a probe down to 45 (during which 20 were in use)
		// showed 2.35 ms: at 64 the server queues the sessions at work there, so no probe up
		// comes while they are; sessions that wait outside the server leave the probes up on
		assertThat(probesUpAfterAProbeDownAtTheKnee(0.4)).isEmpty();
		assertThat(probesUpAfterAProbeDownAtTheKnee(0.2)).singleElement()
			.satisfies((step) -> assertThat(step.to()).isEqualTo(76));
	}

	/**
	 * Run 128 callers at 64 connections through a probe up to 76 and a probe down to 45,
	 * both undone, and then 20 windows at 64 with so many of the pool's sessions at work
	 * on the server.
	 * @param workShare the share of the pool's sessions in a transaction at work on the
	 * server, in every window
	 * @return the probes up that those 20 windows started
	 */
	private static List<KneeFinder.Step> probesUpAfterAProbeDownAtTheKnee(double workShare) {
		KneeFinder finder = finder(POLICY_UP_TO_76, 64);
		KneeFinder.Fleet at64 = new KneeFinder.Fleet(census(List.of("a"), 64, 0), 100, 64, 0.5, workShare);
		assertThat(finder.decide(window(0, 64, 10_000, 64, 64, 0, at64))).singleElement()
			.satisfies((step) -> assertThat(step.to()).isEqualTo(76));
		KneeFinder.Fleet at76 = new KneeFinder.Fleet(census(List.of("a"), 76, 0), 100, 76, 0.6, workShare);
		assertThat(finder.decide(window(1000, 76, 9000, 76, 52, 0, at76))).singleElement()
			.satisfies((step) -> assertThat(step.cause()).isEqualTo(KneeFinder.Cause.REVERT));
		long at = 2000;
		while (finder.probe() == null) {
			assertThat(at).as("a probe down within 10 s").isLessThan(12_000);
			finder.decide(window(at, 64, 10_000, 64, 64, 0, at64));
			at += 1000;
		}
		assertThat(finder.probe()).satisfies((probe) -> assertThat(probe.to()).isEqualTo(45));
		long probedAt = at;
		while (finder.probe() != null) {
			assertThat(at - probedAt).as("the probe down judged within 6 s").isLessThan(6000);
			finder.decide(window(at, 45, 8500, 20, 108, 0, at64));
			at += 1000;
		}
		assertThat(finder.limit()).isEqualTo(64);
		assertThat(finder.noLoadHeldMillis()).isCloseTo(2.35, within(0.01));
		List<KneeFinder.Step> probesUp = new ArrayList<>();
		for (int i = 0; i < 20 && probesUp.isEmpty(); i++, at += 1000) {
			finder.decide(window(at, 64, 10_000, 64, 64, 0, at64))
				.stream()
				.filter((step) -> step.cause() == KneeFinder.Cause.PROBE && step.to() > step.from())
				.forEach(probesUp::add);
		}
		return probesUp;
	}

	/**
	 * Run 32 callers at 32 connections, then 128, whose first probe goes to 76 and gives
	 * back so many connections in its window; then windows at 32 until the next probe.
	 * @return the next probe, started once two windows at 32 are measured
	 */
	private static KneeFinder.Probe probeAfterTheCallersAtOnce(long releasesAt76) {
		KneeFinder finder = finder(POLICY_UP_TO_76, 32);
		finder.decide(window(0, 32, 4000, 32, 0, 0, fleet(List.of("a"), 32, 32)));
		finder.decide(window(1000, 32, 4000, 32, 0, 0, fleet(List.of("a"), 32, 32)));
		assertThat(finder.decide(window(2000, 32, 4000, 32, 96, 0, fleet(List.of("a"), 32, 32)))).singleElement()
			.satisfies((step) -> assertThat(step.to()).isEqualTo(76));
		boolean lost = releasesAt76 < 4000;
		// the first window at 76, half its connections new, is set aside; the next one judges
		assertThat(finder.decide(window(2500, 76, releasesAt76, 76, 52, 0, fleet(List.of("a"), 76, 76)))).isEmpty();
		assertThat(finder.decide(window(3000, 76, releasesAt76, 76, 52, 0, fleet(List.of("a"), 76, 76))))
			.singleElement()
			.satisfies((step) -> {
				assertThat(step.cause()).isEqualTo(KneeFinder.Cause.REVERT);
				assertThat(step.reason().endsWith("the knee is at or below 32; the time held grew with the size, "
						+ "the server queues: a probe down comes first")).isEqualTo(lost);
			});
		finder.decide(window(4000, 32, 4000, 32, 96, 0, fleet(List.of("a"), 32, 32)));
		assertThat(finder.probe()).as("one window at 32 measured").isNull();
		finder.decide(window(5000, 32, 4000, 32, 96, 0, fleet(List.of("a"), 32, 32)));
		KneeFinder.Probe probe = finder.probe();
		assertThat(probe).as("a probe once two windows at 32 are measured").isNotNull();
		return probe;
	}

	@Test
	void aProbeDownFarFromItsBarIsJudgedAfterOneWindow() {
		long[] steady = { 10_000, 10_000, 10_000 };
		long[] noisy = { 10_000, 11_000, 9_000 };
		// -40 % on steady windows: far past the tolerance of 3 %, undone after one window
		List<KneeFinder.Step> undone = probeDownOn(steady, 6_000, 6_000);
		assertThat(undone).singleElement().satisfies((step) -> {
			assertThat(step.cause()).isEqualTo(KneeFinder.Cause.REVERT);
			assertThat(step.to()).isEqualTo(16);
			assertThat(step.reason()).contains("(-40 %)")
				.contains("after 1 window (clear of the bar by more than twice the noise)");
		});
		// +20 % on steady windows: kept after one window, and the next probe down may follow
		assertThat(probeDownOn(steady, 12_000, 12_000)).first().satisfies((step) -> {
			assertThat(step.cause()).isEqualTo(KneeFinder.Cause.KEPT);
			assertThat(step.reason()).contains("after 1 window");
		});
		// -1 %: within twice chance of the bar, so both windows
		assertThat(probeDownOn(steady, 9_900)).isEmpty();
		// -25 % where one window differs from the next by some 10 %: the windows' own ups and
		// downs could give it, so both windows
		assertThat(probeDownOn(noisy, 7_500)).isEmpty();
		assertThat(probeDownOn(noisy, 7_500, 7_500)).singleElement().satisfies((step) -> {
			assertThat(step.cause()).isEqualTo(KneeFinder.Cause.REVERT);
			assertThat(step.reason()).doesNotContain("after 1 window");
		});
	}

	@Test
	void stepsDownThatEachLoseLessThanTheToleranceLoseNoMoreThanItInAll() {
		// each step down costs 2 %, within the tolerance of 3 %: the first is kept, the
		// second would lose 4 % from the size the steps started from and is undone
		KneeFinder finder = finder(POLICY, 48);
		long at = untilAProbe(finder, 0, 48_000);
		assertThat(finder.probe().to()).isEqualTo(34);
		finder.decide(window(at, 34, 47_040, 34, 0, 0, fleet(List.of("a"), 34, 34)));
		assertThat(finder.decide(window(at + 1000, 34, 47_040, 34, 0, 0, fleet(List.of("a"), 34, 34))))
			.singleElement()
			.satisfies((step) -> assertThat(step.cause()).isEqualTo(KneeFinder.Cause.KEPT));
		at = untilAProbe(finder, at + 2000, 47_040);
		assertThat(finder.probe().to()).isEqualTo(24);
		finder.decide(window(at, 24, 46_100, 24, 0, 0, fleet(List.of("a"), 24, 24)));
		assertThat(finder.decide(window(at + 1000, 24, 46_100, 24, 0, 0, fleet(List.of("a"), 24, 24))))
			.singleElement()
			.satisfies((step) -> {
				assertThat(step.cause()).isEqualTo(KneeFinder.Cause.REVERT);
				assertThat(step.to()).isEqualTo(34);
				assertThat(step.reason()).startsWith("throughput 47040 -> 46100 per second (-4 % of the 48000 per "
						+ "second before the first step down)");
			});
	}

	@Test
	void aProbeDuringWhichTheCallersGrewSaysNothingOfTheKnee() {
		// up: the larger size is where the grown workload starts, and the finder measures afresh
		KneeFinder up = finder(POLICY, 8);
		assertThat(up.decide(window(0, 8, 800, 8, 4, 0, fleet(List.of("a"), 8, 8)))).singleElement()
			.satisfies((step) -> assertThat(step.cause()).isEqualTo(KneeFinder.Cause.PROBE));
		assertThat(up.decide(window(1000, 12, 900, 12, 52, 0, fleet(List.of("a"), 12, 12)))).singleElement()
			.satisfies((step) -> {
				assertThat(step.cause()).isEqualTo(KneeFinder.Cause.KEPT);
				assertThat(step.to()).isEqualTo(12);
				assertThat(step.reason()).isEqualTo("the callers (connections in use and threads waiting) went from "
						+ "12.0 to 64.0 during the probe: the workload grew, 12 is where it starts; the time held grew "
						+ "from 10.0 to 13.3 ms, as a longer hold or a queue makes it: a probe down follows in 5 s");
			});
		assertThat(up.probe()).isNull();
		// down: the callers that wait may be the probe's own doing, so it is undone as a
		// probe down that cost throughput, even though more connections were given back
		KneeFinder down = finder(POLICY, 16);
		long at = untilAProbe(down, 0, 1600);
		assertThat(down.decide(window(at, 11, 1700, 11, 40, 0, fleet(List.of("a"), 11, 11)))).singleElement()
			.satisfies((step) -> {
				assertThat(step.cause()).isEqualTo(KneeFinder.Cause.REVERT);
				assertThat(step.to()).isEqualTo(16);
				assertThat(step.reason()).isEqualTo("the callers (connections in use and threads waiting) went from "
						+ "16.0 to 51.0 during the probe: 16 is at the knee; next probe down in 20 s");
			});
		assertThat(down.probe()).isNull();
	}

	@Test
	void afterTheCallersGrewDuringAProbeUpAProbeDownFollowsTheNewWorkloadsBaselineOnlyWhereTheTimeHeldGrew() {
		for (boolean heldGrew : new boolean[] { true, false }) {
			KneeFinder finder = finder(POLICY, 8);
			assertThat(finder.decide(window(0, 8, 800, 8, 4, 0, fleet(List.of("a"), 8, 8)))).singleElement()
				.satisfies((step) -> assertThat(step.to()).isEqualTo(12));
			// 10 ms held before the probe; 13.3 ms (12 in use, 900 given back) or 10 ms after
			long releases = heldGrew ? 900 : 1200;
			assertThat(finder.decide(window(1000, 12, releases, 12, 8, 0, fleet(List.of("a"), 12, 12))))
				.singleElement()
				.satisfies((step) -> assertThat(step.reason().endsWith("a probe down follows in 5 s")).isEqualTo(heldGrew));
			// the server near its utilization limit: no probe up, the next probe is down
			KneeFinder.Fleet busy = new KneeFinder.Fleet(census(List.of("a"), 12, 10), 100, 12, 0.9, Double.NaN);
			long at = 2000;
			while (finder.probe() == null && at <= 30_000) {
				finder.decide(window(at, 12, releases, 12, 1, 0, busy));
				at += 1000;
			}
			assertThat(finder.probe()).isNotNull()
				.satisfies((probe) -> assertThat(probe.direction()).isEqualTo(KneeFinder.Direction.DOWN));
			// where the time held grew, after a quarter of the probe interval: the grown
			// workload's own windows, not the ones across the change, are the probe's baseline
			assertThat(at - 1000).as("when the probe down started").isEqualTo(heldGrew ? 6000 : 21_000);
		}
	}

	@Test
	void afterTheCallersGrewDuringAProbeUpWithTheSessionsAtWorkAProbeDownComesBeforeAnyProbeUp() {
		// 12 callers, then 64 during a probe up from 8 to 12; the time held grew from 10 to
		// 13.3 ms. At work on the server it is a queue there; in a sleep or the client's time
		// it may be the longer hold of the new workload, and the threads that wait probe up
		for (double workShare : new double[] { 1.0, 0.1 }) {
			KneeFinder finder = finder(POLICY, 8);
			assertThat(finder.decide(window(0, 8, 800, 8, 4, 0, atWork(8, workShare)))).singleElement()
				.satisfies((step) -> assertThat(step.to()).isEqualTo(12));
			assertThat(finder.decide(window(1000, 12, 900, 12, 52, 0, atWork(12, workShare)))).singleElement()
				.satisfies((step) -> {
					assertThat(step.cause()).isEqualTo(KneeFinder.Cause.KEPT);
					assertThat(step.reason()).endsWith((workShare > 0.5)
							? "the time held grew from 10.0 to 13.3 ms with 100 % of its sessions at work on the "
									+ "server, a queue there: a probe down follows in 5 s, before any probe up"
							: "the time held grew from 10.0 to 13.3 ms, as a longer hold or a queue makes it: a "
									+ "probe down follows in 5 s");
				});
			assertThat(finder.growsAtOnce(Instant.ofEpochMilli(1500), 64)).isEqualTo(workShare < 0.5);
			long at = 2000;
			while (finder.probe() == null && at <= 30_000) {
				finder.decide(window(at, 12, 900, 12, 52, 0, atWork(12, workShare)));
				at += 1000;
			}
			assertThat(finder.probe()).isNotNull().satisfies((probe) -> {
				assertThat(probe.direction())
					.isEqualTo((workShare > 0.5) ? KneeFinder.Direction.DOWN : KneeFinder.Direction.UP);
				assertThat(probe.from()).isEqualTo(12);
			});
			assertThat(at - 1000).as("when the probe started").isEqualTo((workShare > 0.5) ? 6000 : 2000);
		}
	}

	@Test
	void aTimeHeldThatGrewFromAWindowAcrossAChangeOfWorkloadWaitsForTheWorkloadsOwnWindowsBeforeAProbeDown() {
		// 8 callers holding 5 ms, then 64 that wait and hold longer: the probe up to the
		// callers starts from the window across the change, whose time held is no no-load one
		KneeFinder finder = finder(POLICY, 16);
		for (long at = 0; at <= 3000; at += 1000) {
			finder.decide(window(at, 16, 1600, 8, 0, 0, fleet(List.of("a"), 16, 16)));
		}
		assertThat(finder.decide(window(4000, 16, 1700, 16, 48, 0, fleet(List.of("a"), 16, 16)))).singleElement()
			.satisfies((step) -> assertThat(step.to()).isEqualTo(64));
		// 3200 given back by 64 in use: twice the throughput, 20 ms held against 9.4 ms
		assertThat(finder.decide(window(5000, 64, 3200, 64, 0, 0, fleet(List.of("a"), 64, 64)))).singleElement()
			.satisfies((step) -> {
				assertThat(step.cause()).isEqualTo(KneeFinder.Cause.KEPT);
				assertThat(step.reason()).endsWith("more throughput; the time held grew past the 9.4 ms of the window "
						+ "across the change of workload, as a longer hold or a queue makes it: a probe down follows in "
						+ "5 s, against this workload's own windows");
			});
		assertThat(firstStep(finder, 6000, 64, 3200)).as("the first probe down").isEqualTo(10_000);
		assertThat(finder.probe().direction()).isEqualTo(KneeFinder.Direction.DOWN);
	}

	@Test
	void aCrowdedWindowMayEndEarlyOnlyWhereItWouldStartAProbeUpToTheCallers() {
		KneeFinder finder = new KneeFinder(POLICY, "orders", "a", 4,
				POLICY.share(census(List.of("a"), 4, 0), 100, 4, "a"));
		assertThat(finder.growsAtOnce(Instant.EPOCH, 32)).as("the first probe of a workload").isTrue();
		assertThat(finder.decide(window(1000, 4, 400, 4, 28, 0, fleet(List.of("a"), 4, 4)))).singleElement()
			.satisfies((step) -> assertThat(step.to()).isEqualTo(32));
		assertThat(finder.growsAtOnce(Instant.ofEpochMilli(1500), 32)).as("a probe under way").isFalse();
		finder.decide(window(2000, 32, 3200, 32, 0, 0, fleet(List.of("a"), 32, 32)));
		long at = untilAProbe(finder, 3000, 3200);
		finder.decide(window(at, 22, 2200, 22, 0, 0, fleet(List.of("a"), 22, 22)));
		finder.decide(window(at + 1000, 22, 2200, 22, 0, 0, fleet(List.of("a"), 22, 22)));
		assertThat(finder.limit()).as("the probe down undone").isEqualTo(32);
		finder.decide(window(at + 2000, 32, 3200, 32, 0, 0, fleet(List.of("a"), 32, 32)));
		assertThat(finder.growsAtOnce(Instant.ofEpochMilli(at + 2500), 40)).as("probed down since").isFalse();
		assertThat(finder.growsAtOnce(Instant.ofEpochMilli(at + 2500), 64)).as("the callers doubled").isTrue();
		KneeFinder capped = new KneeFinder(FLEET_POLICY, "orders", "a", 20,
				FLEET_POLICY.share(census(List.of("a"), 20, 0), 100, 20, "a"));
		assertThat(capped.growsAtOnce(Instant.EPOCH, 64)).as("at its ceiling").isFalse();
	}

	@Test
	void aWindowAcrossAChangeOfCallersStartsAFreshBaselineAndMoreCallersThatWaitAProbeUpAtOnce() {
		KneeFinder finder = finder(POLICY, 16);
		assertThat(finder.decide(window(0, 16, 1600, 16, 48, 0, fleet(List.of("a"), 16, 16)))).singleElement()
			.satisfies((step) -> assertThat(step.cause()).isEqualTo(KneeFinder.Cause.PROBE));
		assertThat(finder.decide(window(500, 32, 1620, 32, 32, 0, fleet(List.of("a"), 32, 32)))).isEmpty();
		assertThat(finder.decide(window(1000, 32, 1620, 32, 32, 0, fleet(List.of("a"), 32, 32)))).singleElement()
			.satisfies((step) -> assertThat(step.cause()).isEqualTo(KneeFinder.Cause.REVERT));
		// from 64 callers to 8: this window mixes both workloads and judges nothing
		assertThat(finder.decide(window(2000, 16, 1500, 8, 0, 0, fleet(List.of("a"), 16, 16)))).isEmpty();
		assertThat(finder.noLoadHeldMillis()).as("measured afresh").isNaN();
		assertThat(finder.decide(window(3000, 16, 1600, 8, 0, 0, fleet(List.of("a"), 16, 16)))).isEmpty();
		assertThat(finder.noLoadHeldMillis()).isEqualTo(5.0);
		// from 8 callers to 64 that wait: grow at once, from this window as the baseline
		assertThat(finder.decide(window(4000, 16, 1700, 16, 48, 0, fleet(List.of("a"), 16, 16)))).singleElement()
			.satisfies((step) -> {
				assertThat(step.cause()).isEqualTo(KneeFinder.Cause.PROBE);
				assertThat(step.to()).as("the callers").isEqualTo(64);
			});
	}

	@Test
	void aWorkloadAfterALullIsMeasuredAfreshNotAgainstTheWindowsBeforeIt() {
		// 51 callers held 22 ms each at 74 connections; a lull; then 128 callers with no
		// hold against a server that gives 3 900 per second whatever the size. The lull's
		// first busy window catches the callers arriving (70); measured against the windows
		// before the lull, a probe up from it would read the workload's change as a gain,
		// keep the larger size and wait a probe interval before asking for fewer
		KneeFinder finder = finder(POLICY_UP_TO_76, 74);
		long at = 0;
		for (; at < 3000; at += 1000) {
			finder.decide(window(at, 74, 2300, 51, 0, 0, fleet(List.of("a"), 74, 74)));
		}
		for (; at < 10_000; at += 1000) {
			finder.decide(window(at, 74, 3, 0, 0, 0, fleet(List.of("a"), 74, 74)));
		}
		long start = at;
		finder.decide(window(at, 74, 3000, 60, 10, 0, fleet(List.of("a"), 74, 74)));
		long firstDown = -1;
		for (at += 1000; at <= start + 20_000 && firstDown < 0; at += 1000) {
			int limit = finder.limit();
			finder.decide(window(at, limit, 3900, limit, 128 - limit, 0, fleet(List.of("a"), limit, limit)));
			KneeFinder.Probe probe = finder.probe();
			if (probe != null && probe.direction() == KneeFinder.Direction.DOWN) {
				firstDown = at - start;
			}
		}
		assertThat(firstDown).as("the first probe down, in ms after the lull").isBetween(0L, 8000L);
	}

	@Test
	void moreCallersThatAllHaveAConnectionLeaveTheFirstProbeDownForAProbeInterval() {
		// a pool of 76 from a busier workload, 8 callers, then 64: nobody waits, the pool
		// holds them all; a probe down below them would cost throughput to ask a question
		// that can wait
		KneeFinder finder = finder(POLICY, 76);
		for (long at = 0; at <= 6000; at += 1000) {
			finder.decide(window(at, 76, 400, 8, 0, 0, fleet(List.of("a"), 76, 76)));
		}
		assertThat(finder.decide(window(7000, 76, 3000, 64, 0, 0, fleet(List.of("a"), 76, 76)))).isEmpty();
		assertThat(firstStep(finder, 8000, 64, 3200)).as("the first probe down, after the callers grew at 7 s")
			.isEqualTo(27_000);
		assertThat(finder.probe().direction()).isEqualTo(KneeFinder.Direction.DOWN);
	}

	@Test
	void moreCallersThatWaitGrowThePoolAtOnceOnlyByADoublingOrMore() {
		// 64 connections, 40 callers, then 128 that wait: the pool can grow to 76 at most,
		// which the window across the change, half of it the old workload, cannot judge
		KneeFinder finder = new KneeFinder(POLICY_UP_TO_76, "orders", "a", 64, null);
		for (long at = 0; at <= 3000; at += 1000) {
			finder.decide(window(at, 64, 4000, 40, 0, 0, fleet(List.of("a"), 64, 64)));
		}
		assertThat(finder.growsAtOnce(Instant.ofEpochMilli(4500), 128)).as("a window that may end early").isFalse();
		assertThat(finder.decide(window(4000, 64, 5000, 64, 64, 0, fleet(List.of("a"), 64, 64)))).isEmpty();
		// the next window, all of the new workload, is the baseline of the probe up
		assertThat(finder.decide(window(5000, 64, 6000, 64, 64, 0, fleet(List.of("a"), 64, 64)))).singleElement()
			.satisfies((step) -> {
				assertThat(step.cause()).isEqualTo(KneeFinder.Cause.PROBE);
				assertThat(step.to()).isEqualTo(76);
			});
		// from 16 connections the same callers double the pool: at once
		KneeFinder small = new KneeFinder(POLICY_UP_TO_76, "orders", "a", 16, null);
		for (long at = 0; at <= 3000; at += 1000) {
			small.decide(window(at, 16, 1600, 10, 0, 0, fleet(List.of("a"), 16, 16)));
		}
		assertThat(small.growsAtOnce(Instant.ofEpochMilli(4500), 128)).isTrue();
		assertThat(small.decide(window(4000, 16, 1700, 16, 112, 0, fleet(List.of("a"), 16, 16)))).singleElement()
			.satisfies((step) -> {
				assertThat(step.cause()).isEqualTo(KneeFinder.Cause.PROBE);
				assertThat(step.to()).isEqualTo(76);
			});
	}

	@Test
	void aQuietWindowEndsAProbeAndSaysNothing() {
		Server server = new Server(128, 16, 2.0);
		Run run = new Run(finder(POLICY, 4), server);
		run.windows(1);
		assertThat(run.finder.probe()).isNotNull();
		List<KneeFinder.Step> steps = run.finder.decide(window(3000, 8, 5, 4, 0, 0, fleet(List.of("a"), 4, 4)));
		assertThat(steps).singleElement().satisfies((step) -> {
			assertThat(step.cause()).isEqualTo(KneeFinder.Cause.REVERT);
			assertThat(step.to()).isEqualTo(4);
		});
		assertThat(run.finder.probe()).isNull();
	}

	@Test
	void timeoutsCountAsWaiting() {
		KneeFinder finder = finder(POLICY, 5);
		List<KneeFinder.Step> steps = finder
			.decide(new KneeFinder.Window(Instant.EPOCH, Duration.ofSeconds(1), 500, 5, 5, 0, 0, 3,
					fleet(List.of("a"), 5, 5)));
		assertThat(steps).singleElement().extracting(KneeFinder.Step::cause).isEqualTo(KneeFinder.Cause.PROBE);
	}

	@Test
	void doesNotGrowWhenTheServerIsAtItsUtilizationLimit() {
		KneeFinder finder = finder(POLICY, 5);
		KneeFinder.Fleet busyServer = new KneeFinder.Fleet(census(List.of("a"), 5, 80), 100, 5, 0.85, Double.NaN);
		assertThat(finder.decide(window(0, 5, 500, 5, 3, 0, busyServer))).isEmpty();
		assertThat(finder.limit()).isEqualTo(5);
	}

	@Test
	void doesNotGrowWithoutAServerView() {
		KneeFinder finder = finder(POLICY, 5);
		assertThat(finder.decide(window(0, 5, 500, 5, 3, 0, null))).isEmpty();
	}

	@Test
	void growsNoFurtherThanWhatOtherInstancesLeave() {
		KneeFinder finder = finder(FLEET_POLICY, 1);
		// b has not yet seen a and still holds its whole share
		assertThat(finder.decide(window(0, 1, 500, 1, 8, 0, fleet(List.of("a", "b"), 12, 1)))).isEmpty();
		assertThat(finder.share().fair()).isEqualTo(3);
		assertThat(finder.share().growthCeiling()).isEqualTo(1);
	}

	@Test
	void growsToTheShareAtMost() {
		KneeFinder finder = finder(FLEET_POLICY, 7);
		List<KneeFinder.Step> steps = finder.decide(window(0, 7, 500, 7, 20, 0, fleet(List.of("a"), 7, 7)));
		assertThat(steps).singleElement().extracting(KneeFinder.Step::to).isEqualTo(8);
	}

	@Test
	void probesUpAtOnceWhenAnInstanceLeavesEvenAfterAProbeDownFailedAtTheSmallerShare() {
		KneeFinder finder = finder(FLEET_POLICY, 2);
		List<String> three = List.of("a", "b", "c");
		KneeFinder.Step failedDown = null;
		long at = 0;
		for (; failedDown == null && at < 60_000; at += 1000) {
			// each connection gives 200 a second to 8 callers: fewer connections cost throughput
			int limit = finder.limit();
			for (KneeFinder.Step step : finder.decide(window(at, limit, 200L * limit, limit, 8 - limit, 0,
					fleet(three, 6, limit)))) {
				if (step.cause() == KneeFinder.Cause.REVERT && step.to() > step.from()) {
					failedDown = step;
				}
			}
		}
		assertThat(failedDown).as("a probe down from the share of 2 that cost throughput").isNotNull();
		assertThat(finder.limit()).isEqualTo(2);
		// c leaves: the share is 3, and the probe down said nothing of a size the share held down;
		// the window in which the fleet changed judges nothing, the next one probes
		List<KneeFinder.Step> steps = new ArrayList<>();
		for (long end = at + 2000; steps.isEmpty() && at < end; at += 1000) {
			steps.addAll(finder.decide(window(at, 2, 400, 2, 6, 0, fleet(List.of("a", "b"), 4, 2))));
		}
		assertThat(finder.share().growthCeiling()).isEqualTo(3);
		assertThat(steps).as("a probe up within two windows").singleElement().satisfies((step) -> {
			assertThat(step.cause()).isEqualTo(KneeFinder.Cause.PROBE);
			assertThat(step.to()).isEqualTo(3);
		});
	}

	@Test
	void theWindowInWhichAnInstanceLeavesStartsNoProbeDownWhereAProbeDownWasDue() {
		// when the first probe down comes at the share of 2, with three instances
		long due = 0;
		KneeFinder dry = finder(FLEET_POLICY, 2);
		for (; dry.probe() == null && due < 60_000; due += 1000) {
			dry.decide(window(due, 2, 400, 2, 6, 0, fleet(List.of("a", "b", "c"), 6, 2)));
		}
		due -= 1000;
		assertThat(dry.probe()).as("a probe down from the share of 2").isNotNull();
		assertThat(dry.probe().to()).isEqualTo(1);
		// the same, but c leaves in the window that would start it: that window changed the
		// share and starts no probe; a probe down there would ask of a size the share chose
		KneeFinder finder = finder(FLEET_POLICY, 2);
		for (long at = 0; at < due; at += 1000) {
			finder.decide(window(at, 2, 400, 2, 6, 0, fleet(List.of("a", "b", "c"), 6, 2)));
		}
		assertThat(finder.decide(window(due, 2, 400, 2, 6, 0, fleet(List.of("a", "b"), 4, 2)))).isEmpty();
		assertThat(finder.share().growthCeiling()).isEqualTo(3);
		assertThat(finder.decide(window(due + 1000, 2, 400, 2, 6, 0, fleet(List.of("a", "b"), 4, 2))))
			.singleElement()
			.satisfies((step) -> {
				assertThat(step.cause()).isEqualTo(KneeFinder.Cause.PROBE);
				assertThat(step.to()).isEqualTo(3);
			});
	}

	@Test
	void probesUpAtOnceWhenAProbeDownStartedAtTheShareFailsAfterAnInstanceLeft() {
		KneeFinder finder = finder(FLEET_POLICY, 2);
		List<String> three = List.of("a", "b", "c");
		long at = 0;
		for (; finder.probe() == null && at < 60_000; at += 1000) {
			int limit = finder.limit();
			finder.decide(window(at, limit, 200L * limit, limit, 8 - limit, 0, fleet(three, 6, limit)));
		}
		assertThat(finder.probe()).as("a probe down from the share of 2").isNotNull();
		assertThat(finder.probe().to()).isEqualTo(1);
		// c leaves while the probe runs; the probe then costs throughput and is undone
		List<KneeFinder.Step> steps = new ArrayList<>();
		for (long end = at + 5000; at < end
				&& steps.stream().noneMatch((step) -> step.cause() == KneeFinder.Cause.PROBE); at += 1000) {
			int limit = finder.limit();
			steps.addAll(finder.decide(window(at, limit, 200L * limit, limit, 8 - limit, 0,
					fleet(List.of("a", "b"), 4, limit))));
		}
		assertThat(steps).as("the probe down undone, then a probe up to the larger share")
			.extracting(KneeFinder.Step::cause, KneeFinder.Step::to)
			.containsSubsequence(tuple(KneeFinder.Cause.REVERT, 2), tuple(KneeFinder.Cause.PROBE, 3));
	}

	@Test
	void shrinksAtOnceToItsShareWhenInstancesJoinEvenDuringAProbe() {
		KneeFinder finder = finder(FLEET_POLICY, 5);
		assertThat(finder.decide(window(0, 5, 500, 5, 8, 0, fleet(List.of("a"), 5, 5)))).singleElement()
			.extracting(KneeFinder.Step::to)
			.isEqualTo(8);
		List<KneeFinder.Step> steps = finder.decide(window(1000, 8, 1000, 8, 3, 0,
				fleet(List.of("a", "b", "c"), 11, 8)));
		assertThat(steps).singleElement().satisfies((step) -> {
			assertThat(step.cause()).isEqualTo(KneeFinder.Cause.FLEET);
			assertThat(step.to()).isEqualTo(2);
			assertThat(step.describe("primary")).isEqualTo("Pool 'primary' shrinks 8 -> 2: 3 live instance(s) "
					+ "(orders/a, /b, /c) share the fleet budget of 12: share 2 = (fleet budget 12 - 3 kept free for a "
					+ "starting instance - 3 for the monitors) / 3 instance(s)");
		});
		assertThat(finder.probe()).isNull();
	}

	@Test
	void shrinksToTwiceWhatItUsedAfterThreeProbeIntervalsOfLittleUse() {
		KneeFinder finder = finder(POLICY, 20);
		List<KneeFinder.Step> steps = new ArrayList<>();
		for (int second = 0; second < 61; second++) {
			steps.addAll(finder.decide(window(second * 1000L, 20, 100, 3, 0, 0, fleet(List.of("a"), 20, 20))));
		}
		assertThat(steps).singleElement().satisfies((step) -> {
			assertThat(step.cause()).isEqualTo(KneeFinder.Cause.IDLE);
			assertThat(step.describe("primary")).isEqualTo(
					"Pool 'primary' shrinks 20 -> 6: at most 3 of 20 connections in use for 60 s with nobody waiting");
		});
	}

	@Test
	void neverShrinksBelowTheMinimum() {
		KneeFinder finder = finder(POLICY, 1);
		for (int second = 0; second < 200; second++) {
			assertThat(finder.decide(window(second * 1000L, 1, 0, 0, 0, 0, fleet(List.of("a"), 1, 1)))).isEmpty();
		}
		assertThat(finder.limit()).isEqualTo(1);
	}

	@Test
	void aPoolWhoseApplicationNameDoesNotNameTheServiceHoldsNothingOfTheOtherInstances() {
		AdaptiveSizingPolicy.Share grown = FLEET_POLICY.share(census(List.of(), 0, 1), 97, 77, null);
		assertThat(grown.otherConnections()).isEqualTo(1);
		assertThat(grown.heldByOthers()).isZero();
	}

	@Test
	void aStartingInstanceTakesWhatTheOthersLeave() {
		AdaptiveSizingPolicy.Share share = FLEET_POLICY.share(census(List.of("a", "b"), 10, 0), 100, 0, "c");
		assertThat(share.instances()).isEqualTo(3);
		assertThat(share.fair()).isEqualTo(2);
		assertThat(share.growthCeiling()).isEqualTo(1);
	}

	@Test
	void theFirstInstanceTakesTheBudgetLessTheHeadroom() {
		AdaptiveSizingPolicy.Share share = FLEET_POLICY.share(census(List.of(), 0, 30), 100, 0, "a");
		assertThat(share.instances()).isEqualTo(1);
		assertThat(share.growthCeiling()).isEqualTo(8);
	}

	@Test
	void otherApplicationsCanLeaveLessThanTheBudget() {
		AdaptiveSizingPolicy.Share share = FLEET_POLICY.share(census(List.of("a"), 2, 94), 100, 2, "a");
		assertThat(share.fleetBudget()).isEqualTo(6);
		assertThat(share.fair()).isEqualTo(2);
	}

	@Test
	void anExplicitInstanceCountWinsAndKeepsNoHeadroom() {
		AdaptiveSizingPolicy policy = new AdaptiveSizingPolicy(1, 20, Duration.ofSeconds(1), Duration.ofSeconds(20),
				0.03, 0.8, 0.12, 4);
		AdaptiveSizingPolicy.Share share = policy.share(census(List.of("a"), 3, 0), 100, 3, "a");
		assertThat(share.instances()).isEqualTo(4);
		assertThat(share.headroom()).isZero();
		assertThat(share.monitors()).isEqualTo(4);
		assertThat(share.fair()).isEqualTo(2);
	}

	@Test
	void theShareStaysWithinTheMaximum() {
		AdaptiveSizingPolicy small = new AdaptiveSizingPolicy(1, 4, Duration.ofSeconds(1), Duration.ofSeconds(20),
				0.03, 0.8, 0.12, null);
		assertThat(small.share(census(List.of("a"), 4, 0), 100, 4, "a").fair()).isEqualTo(4);
	}

	/**
	 * Feed the finder windows at its size, busy with nobody waiting, until it starts a
	 * probe (down, as nobody waits).
	 * @param releases the connections given back in each window, in turn
	 * @return when the window after the one that started it closes
	 */
	private static long untilAProbe(KneeFinder finder, long from, long... releases) {
		int limit = finder.limit();
		long at = from;
		for (int i = 0; finder.probe() == null; i++) {
			assertThat(at - from).as("a probe down starts within a probe interval").isLessThan(30_000);
			finder.decide(window(at, limit, releases[i % releases.length], limit, 0, 0,
					fleet(List.of("a"), limit, limit)));
			at += 1000;
		}
		return at;
	}

	/**
	 * Return when the first step comes from one window a second of a steady workload from
	 * {@code from} on, or -1 when none came within 40 s.
	 */
	private static long firstStep(KneeFinder finder, long from, int inUse, long releases) {
		int limit = finder.limit();
		for (long at = from; at <= from + 40_000; at += 1000) {
			if (!finder.decide(window(at, limit, releases, inUse, 0, 0, fleet(List.of("a"), limit, limit))).isEmpty()) {
				return at;
			}
		}
		return -1;
	}

	private static KneeFinder finder(AdaptiveSizingPolicy policy, int limit) {
		return new KneeFinder(policy, "orders", "a", limit, null);
	}

	private static KneeFinder.Window window(long at, int limit, long releases, int inUse, int waiting, long timeouts,
			KneeFinder.@Nullable Fleet fleet) {
		return new KneeFinder.Window(Instant.ofEpochMilli(at), Duration.ofSeconds(1), releases, inUse, inUse, waiting,
				waiting, timeouts, fleet);
	}

	private static KneeFinder.Fleet fleet(List<String> instances, int fleetPoolConnections, int mine) {
		return new KneeFinder.Fleet(census(instances, fleetPoolConnections, 10), 100, mine, 0.2, Double.NaN);
	}

	private static KneeFinder.Fleet atWork(int mine, double workShare) {
		return new KneeFinder.Fleet(census(List.of("a"), mine, 10), 100, mine, 0.2, workShare);
	}

	private static FleetCensus census(List<String> instances, int fleetPoolConnections, int other) {
		return new FleetCensus(instances, fleetPoolConnections, other);
	}

	/**
	 * A closed loop of callers against a server with a knee: below the knee each
	 * connection completes one transaction per no-load time held (less, with contention);
	 * past it the server completes the knee's worth, 0.2 % less for every connection
	 * beyond it, and the time held grows by Little's law. Noise, when set, scales each
	 * window's throughput by a repeatable pseudo-random factor within plus or minus the
	 * share.
	 */
	private static final class Server {

		private final int callers;

		private int knee;

		private double heldMillis;

		private double noise;

		private double workShare = Double.NaN;

		private double contention;

		private long seed = 42;

		Server(int callers, int knee, double heldMillis) {
			this.callers = callers;
			this.knee = knee;
			this.heldMillis = heldMillis;
		}

		/**
		 * Set the share of the sessions in a transaction that the server shows at work.
		 */
		Server atWork(double share) {
			this.workShare = share;
			return this;
		}

		/**
		 * Make the connections below the knee give less than in proportion: n of them give
		 * n / (1 + share x (n - 1)) times what one gives alone.
		 */
		Server contention(double share) {
			this.contention = share;
			return this;
		}

		KneeFinder.Window window(long at, int limit) {
			int inUse = Math.min(limit, this.callers);
			double perConnection = 1000 / this.heldMillis;
			int working = Math.min(inUse, this.knee);
			double throughput = working * perConnection / (1 + this.contention * (working - 1));
			if (inUse > this.knee) {
				throughput *= Math.max(0.5, 1 - 0.002 * (inUse - this.knee));
			}
			throughput *= 1 + this.noise * (2 * nextRandom() - 1);
			int waiting = this.callers - inUse;
			return new KneeFinder.Window(Instant.ofEpochMilli(at), Duration.ofSeconds(1), Math.round(throughput),
					inUse, inUse, waiting, waiting, 0, new KneeFinder.Fleet(census(List.of("a"), inUse, 0), 100, inUse,
							0.1, this.workShare));
		}

		private double nextRandom() {
			this.seed = (this.seed * 6364136223846793005L + 1442695040888963407L);
			return ((this.seed >>> 11) & ((1L << 53) - 1)) / (double) (1L << 53);
		}

	}

	/**
	 * The finder against the server, one window per second, with every step kept.
	 */
	private static final class Run {

		private final KneeFinder finder;

		private final Server server;

		private final List<Integer> windows = new ArrayList<>();

		private final List<KneeFinder.Step> steps = new ArrayList<>();

		private final List<Instant> stepTimes = new ArrayList<>();

		private final List<Integer> stepWindows = new ArrayList<>();

		Run(KneeFinder finder, Server server) {
			this.finder = finder;
			this.server = server;
		}

		void windows(int count) {
			for (int i = 0; i < count; i++) {
				long at = (this.windows.size() + 1) * 1000L;
				int limit = this.finder.limit();
				this.windows.add(limit);
				for (KneeFinder.Step step : this.finder.decide(this.server.window(at, limit))) {
					this.steps.add(step);
					this.stepTimes.add(Instant.ofEpochMilli(at));
					this.stepWindows.add(this.windows.size());
				}
			}
		}

		List<Integer> sizes() {
			return this.windows;
		}

		/**
		 * Return the size the finder holds between probes.
		 */
		int settledSize() {
			KneeFinder.Probe probe = this.finder.probe();
			return (probe != null) ? probe.from() : this.finder.limit();
		}

		List<KneeFinder.Step> outcomes() {
			return this.steps.stream().filter((step) -> step.cause() != KneeFinder.Cause.PROBE).toList();
		}

		List<Instant> probesAt(KneeFinder.Direction direction) {
			List<Instant> times = new ArrayList<>();
			for (int i = 0; i < this.steps.size(); i++) {
				KneeFinder.Step step = this.steps.get(i);
				if (step.cause() == KneeFinder.Cause.PROBE
						&& (step.to() > step.from()) == (direction == KneeFinder.Direction.UP)) {
					times.add(this.stepTimes.get(i));
				}
			}
			return times;
		}

		long changesAfter(int window) {
			long changes = 0;
			for (int i = 0; i < this.steps.size(); i++) {
				if (this.stepWindows.get(i) > window && this.steps.get(i).isChange()) {
					changes++;
				}
			}
			return changes;
		}

	}

}
