package dev.poolstarter.postgres.pool;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PoolUsage}.
 */
class PoolUsageTests {

	private final PoolUsage usage = new PoolUsage(Duration.ofSeconds(10));

	@Test
	void namesTheThreadsThatHoldConnectionsOnlyWhileTheyHoldThem() {
		this.usage.recordBorrow();
		this.usage.recordBorrow();
		assertThat(this.usage.borrowingThreads()).containsExactly(Thread.currentThread());
		this.usage.recordRelease(5);
		assertThat(this.usage.borrowingThreads()).containsExactly(Thread.currentThread());
		this.usage.recordRelease(5);
		assertThat(this.usage.borrowingThreads()).isEmpty();
		this.usage.recordBorrow();
		assertThat(this.usage.borrowingThreads()).containsExactly(Thread.currentThread());
	}

	@Test
	void aTimedOutBorrowHoldsNothing() {
		this.usage.recordBorrow();
		this.usage.recordTimeout();
		assertThat(this.usage.borrowingThreads()).isEmpty();
		assertThat(this.usage.snapshot().timeouts()).isEqualTo(1);
	}

	@Test
	void threadsThatDiedWithABorrowedConnectionAreForgottenAsNewOnesArrive() throws InterruptedException {
		for (int i = 0; i < 1100; i++) {
			Thread thread = new Thread(this.usage::recordBorrow);
			thread.start();
			thread.join();
		}
		assertThat(this.usage.borrowingThreads()).hasSizeLessThan(1024);
	}

	@Test
	void countsReleasesHeldTimeAndLongBorrows() {
		this.usage.recordBorrow();
		this.usage.recordRelease(12_000);
		this.usage.recordBorrow();
		this.usage.recordRelease(3);
		PoolUsage.Snapshot snapshot = this.usage.snapshot();
		assertThat(snapshot.releases()).isEqualTo(2);
		assertThat(snapshot.heldMillis()).isEqualTo(12_003);
		assertThat(snapshot.longBorrows()).isEqualTo(1);
	}

}
