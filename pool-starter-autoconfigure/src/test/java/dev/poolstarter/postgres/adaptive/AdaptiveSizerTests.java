package dev.poolstarter.postgres.adaptive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.poolstarter.postgres.server.FleetCensus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the decisions of {@link AdaptiveSizer} on injected samples: a fleet budget of
 * 12 connections (0.12 of 100 usable), one kept free for a starting instance, steps of 2,
 * growth after 2 samples with waiting threads, shrinking after 3 idle samples, and a 1 s
 * cool-down.
 */
class AdaptiveSizerTests {

	private static final AdaptiveSizingPolicy POLICY = new AdaptiveSizingPolicy(1, 20, 2, 2, 3,
			Duration.ofMillis(200), Duration.ofSeconds(1), 0.8, 0.12, null);

	@Test
	void growsByAStepAfterThreadsWaitedInConsecutiveSamples() {
		AdaptiveSizer sizer = sizer(5);
		assertThat(sizer.decide(waiting(0, 3, fleet(List.of("a"), 5, 5)))).isNull();
		AdaptiveSizer.Resize resize = sizer.decide(waiting(200, 3, fleet(List.of("a"), 5, 5)));
		assertThat(resize).isNotNull();
		assertThat(resize.from()).isEqualTo(5);
		assertThat(resize.to()).isEqualTo(7);
		assertThat(resize.cause()).isEqualTo(AdaptiveSizer.Cause.DEMAND);
		assertThat(resize.describe("primary")).startsWith("grew pool 'primary' 5 -> 7: threads waited in 2 "
				+ "consecutive samples (3 waiting, 0 in use, 0 timed out in the last), server at 20 % of its usable connections; "
				+ "share 11 = (fleet budget 12 - 1 kept free for a starting instance) / 1 instance(s)");
		assertThat(sizer.target()).isEqualTo(7);
	}

	@Test
	void growsToCoverEveryWaitingThreadInOneChangeUpToTheShare() {
		AdaptiveSizer sizer = sizer(4);
		AdaptiveSizer.Fleet fleet = fleet(List.of("a"), 4, 4);
		sizer.decide(sample(0, 5, 4, 0, 4, fleet));
		AdaptiveSizer.Resize resize = sizer.decide(sample(200, 5, 4, 0, 4, fleet));
		assertThat(resize).isNotNull();
		assertThat(resize.to()).as("4 in use and 5 waiting").isEqualTo(9);
		sizer = sizer(4);
		sizer.decide(sample(0, 28, 4, 0, 4, fleet));
		assertThat(sizer.decide(sample(200, 28, 4, 0, 4, fleet)).to()).as("capped at the share").isEqualTo(11);
	}

	@Test
	void aPoolWhoseApplicationNameDoesNotNameTheServiceHoldsNothingOfTheOtherInstances() {
		AdaptiveSizingPolicy.Share grown = POLICY.share(census(List.of(), 0, 1), 97, 77, null);
		assertThat(grown.otherConnections()).isEqualTo(1);
		assertThat(grown.heldByOthers()).isZero();
	}

	@Test
	void timeoutsCountAsWaiting() {
		AdaptiveSizer sizer = sizer(5);
		sizer.decide(sample(0, 0, 5, 1, 5, fleet(List.of("a"), 5, 5)));
		assertThat(sizer.decide(sample(200, 0, 5, 2, 5, fleet(List.of("a"), 5, 5)))).isNotNull();
	}

	@Test
	void oneSampleWithWaitingThreadsIsNotEnough() {
		AdaptiveSizer sizer = sizer(5);
		assertThat(sizer.decide(waiting(0, 3, fleet(List.of("a"), 5, 5)))).isNull();
		assertThat(sizer.decide(sample(200, 0, 2, 0, 2, fleet(List.of("a"), 5, 5)))).isNull();
		assertThat(sizer.decide(waiting(400, 3, fleet(List.of("a"), 5, 5)))).isNull();
		assertThat(sizer.target()).isEqualTo(5);
	}

	@Test
	void doesNotGrowWhenTheServerIsAtItsUtilizationLimit() {
		AdaptiveSizer sizer = sizer(5);
		AdaptiveSizer.Fleet busyServer = new AdaptiveSizer.Fleet(census(List.of("a"), 5, 80), 100, 5, 0.85);
		sizer.decide(waiting(0, 3, busyServer));
		assertThat(sizer.decide(waiting(200, 3, busyServer))).isNull();
		assertThat(sizer.target()).isEqualTo(5);
	}

	@Test
	void doesNotGrowWithoutAServerView() {
		AdaptiveSizer sizer = sizer(5);
		sizer.decide(waiting(0, 3, null));
		assertThat(sizer.decide(waiting(200, 3, null))).isNull();
	}

	@Test
	void growsNoFurtherThanWhatOtherInstancesLeave() {
		AdaptiveSizer sizer = sizer(1);
		// b has not yet seen a and still holds its whole share
		AdaptiveSizer.Fleet fleet = fleet(List.of("a", "b"), 12, 1);
		sizer.decide(waiting(0, 8, fleet));
		assertThat(sizer.decide(waiting(200, 8, fleet))).isNull();
		assertThat(sizer.share().fair()).isEqualTo(5);
		assertThat(sizer.share().growthCeiling()).isEqualTo(1);
	}

	@Test
	void shrinksAtOnceToItsShareWhenInstancesJoinEvenDuringTheCoolDown() {
		AdaptiveSizer sizer = sizer(9);
		sizer.decide(waiting(0, 3, fleet(List.of("a"), 9, 9)));
		assertThat(sizer.decide(waiting(200, 3, fleet(List.of("a"), 9, 9))).to()).isEqualTo(11);
		AdaptiveSizer.Resize resize = sizer.decide(waiting(400, 3, fleet(List.of("a", "b", "c"), 13, 11)));
		assertThat(resize).isNotNull();
		assertThat(resize.to()).isEqualTo(3);
		assertThat(resize.cause()).isEqualTo(AdaptiveSizer.Cause.FLEET);
		assertThat(resize.describe("primary")).isEqualTo("shrank pool 'primary' 11 -> 3: 3 live instance(s) "
				+ "(orders/a, /b, /c) share the fleet budget of 12: share 3 = (fleet budget 12 - 1 kept free for a "
				+ "starting instance) / 3 instance(s)");
	}

	@Test
	void growsBackWhenAnInstanceLeaves() {
		AdaptiveSizer sizer = sizer(3);
		AdaptiveSizer.Fleet twoLeft = fleet(List.of("a", "b"), 6, 3);
		sizer.decide(waiting(0, 4, twoLeft));
		assertThat(sizer.decide(waiting(200, 4, twoLeft)).to()).isEqualTo(5);
		sizer.decide(waiting(1200, 4, fleet(List.of("a", "b"), 8, 5)));
		assertThat(sizer.decide(waiting(1400, 4, fleet(List.of("a", "b"), 8, 5)))).isNull();
		assertThat(sizer.target()).isEqualTo(5);
	}

	@Test
	void shrinksByAStepAfterConnectionsSatIdle() {
		AdaptiveSizer sizer = sizer(7);
		AdaptiveSizer.Fleet fleet = fleet(List.of("a"), 7, 7);
		assertThat(sizer.decide(sample(0, 0, 1, 0, 0.5, fleet))).isNull();
		assertThat(sizer.decide(sample(200, 0, 3, 0, 0.5, fleet))).isNull();
		AdaptiveSizer.Resize resize = sizer.decide(sample(400, 0, 1, 0, 0.5, fleet));
		assertThat(resize).isNotNull();
		assertThat(resize.describe("primary"))
			.isEqualTo("shrank pool 'primary' 7 -> 5: at least 2 connection(s) idle in 3 consecutive samples "
					+ "(at most 3 in use)");
		assertThat(resize.cause()).isEqualTo(AdaptiveSizer.Cause.IDLE);
	}

	@Test
	void aBusySampleRestartsTheIdleCount() {
		AdaptiveSizer sizer = sizer(7);
		AdaptiveSizer.Fleet fleet = fleet(List.of("a"), 7, 7);
		sizer.decide(sample(0, 0, 1, 0, 0.5, fleet));
		sizer.decide(sample(200, 0, 1, 0, 0.5, fleet));
		sizer.decide(sample(400, 0, 6, 0, 6, fleet));
		assertThat(sizer.decide(sample(600, 0, 1, 0, 0.5, fleet))).isNull();
		assertThat(sizer.decide(sample(800, 0, 1, 0, 0.5, fleet))).isNull();
		assertThat(sizer.decide(sample(1000, 0, 1, 0, 0.5, fleet))).isNotNull();
	}

	@Test
	void neverShrinksBelowTheMinimum() {
		AdaptiveSizer sizer = sizer(1);
		AdaptiveSizer.Fleet fleet = fleet(List.of("a"), 1, 1);
		for (int i = 0; i < 10; i++) {
			assertThat(sizer.decide(sample(i * 200, 0, 0, 0, 0, fleet))).isNull();
		}
	}

	@Test
	void coolDownHoldsBackTheNextChange() {
		AdaptiveSizer sizer = sizer(3);
		AdaptiveSizer.Fleet fleet = fleet(List.of("a"), 3, 3);
		sizer.decide(waiting(0, 4, fleet));
		assertThat(sizer.decide(waiting(200, 4, fleet)).to()).isEqualTo(5);
		for (long at = 400; at < 1200; at += 200) {
			assertThat(sizer.decide(waiting(at, 4, fleet))).as("at %d ms", at).isNull();
		}
		assertThat(sizer.decide(waiting(1200, 4, fleet)).to()).isEqualTo(7);
	}

	@Test
	void aStartingInstanceTakesWhatTheOthersLeave() {
		AdaptiveSizingPolicy.Share share = POLICY.share(census(List.of("a", "b"), 10, 0), 100, 0, "c");
		assertThat(share.instances()).isEqualTo(3);
		assertThat(share.fair()).isEqualTo(3);
		assertThat(share.growthCeiling()).isEqualTo(1);
	}

	@Test
	void theFirstInstanceTakesTheBudgetLessTheHeadroom() {
		AdaptiveSizingPolicy.Share share = POLICY.share(census(List.of(), 0, 30), 100, 0, "a");
		assertThat(share.instances()).isEqualTo(1);
		assertThat(share.growthCeiling()).isEqualTo(11);
	}

	@Test
	void otherApplicationsCanLeaveLessThanTheBudget() {
		AdaptiveSizingPolicy.Share share = POLICY.share(census(List.of("a"), 2, 94), 100, 2, "a");
		assertThat(share.fleetBudget()).isEqualTo(6);
		assertThat(share.fair()).isEqualTo(5);
	}

	@Test
	void anExplicitInstanceCountWinsAndKeepsNoHeadroom() {
		AdaptiveSizingPolicy policy = new AdaptiveSizingPolicy(1, 20, 2, 2, 3, Duration.ofMillis(200),
				Duration.ofSeconds(1), 0.8, 0.12, 4);
		AdaptiveSizingPolicy.Share share = policy.share(census(List.of("a"), 3, 0), 100, 3, "a");
		assertThat(share.instances()).isEqualTo(4);
		assertThat(share.headroom()).isZero();
		assertThat(share.fair()).isEqualTo(3);
	}

	@Test
	void theShareStaysWithinTheMaximum() {
		AdaptiveSizingPolicy small = new AdaptiveSizingPolicy(1, 4, 2, 2, 3, Duration.ofMillis(200),
				Duration.ofSeconds(1), 0.8, 0.12, null);
		assertThat(small.share(census(List.of("a"), 4, 0), 100, 4, "a").fair()).isEqualTo(4);
	}

	private static AdaptiveSizer sizer(int target) {
		return new AdaptiveSizer(POLICY, "orders", "a", target, null);
	}

	// few threads waiting on connections that are not counted as in use: growth by one step
	private static AdaptiveSizer.Sample waiting(long at, int waiting, AdaptiveSizer.@Nullable Fleet fleet) {
		return sample(at, waiting, 0, 0, 0, fleet);
	}

	private static AdaptiveSizer.Sample sample(long at, int waiting, int active, long timeouts, double busy,
			AdaptiveSizer.@Nullable Fleet fleet) {
		return new AdaptiveSizer.Sample(Instant.ofEpochMilli(at), waiting, active, timeouts, busy, fleet);
	}

	private static AdaptiveSizer.Fleet fleet(List<String> instances, int fleetPoolConnections, int mine) {
		return new AdaptiveSizer.Fleet(census(instances, fleetPoolConnections, 10), 100, mine, 0.2);
	}

	private static FleetCensus census(List<String> instances, int fleetPoolConnections, int other) {
		return new FleetCensus(instances, fleetPoolConnections, other);
	}

}
