package dev.poolstarter.bench;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Everything one run of the scenario mode measured.
 *
 * @param options what was run
 * @param facts the machine and the server
 * @param shifting the shifting scenario, one per regime (empty when not run)
 * @param fleet the fleet scenario, or {@code null} when not run
 * @param probes the probe scenario, or {@code null} when not run
 * @param hotPath the JMH hot-path figures
 * @param elapsed how long the scenarios took
 */
record ScenarioResults(ScenarioOptions options, MachineFacts facts, List<ShiftingResult> shifting,
		@Nullable FleetResult fleet, @Nullable ProbeResult probes, HotPathResult hotPath, Duration elapsed) {
}
