package dev.poolstarter.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClosedLoopTests {

	private final ClosedLoop.Window window = new ClosedLoop.Window(1_000, 3_000);

	@Test
	void transactionThatStartedInTheWarmUpCountsWhenItEndsInTheWindow() {
		assertThat(this.window.counts(1_200)).isTrue();
	}

	@Test
	void transactionThatEndsAfterTheWindowDoesNotCount() {
		assertThat(this.window.counts(3_001)).isFalse();
	}

	@Test
	void transactionThatEndsInTheWarmUpDoesNotCount() {
		assertThat(this.window.counts(999)).isFalse();
	}

}
