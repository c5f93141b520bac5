package dev.poolstarter.postgres.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PoolUsage}. The sweep runs with a clock the tests pass in, ahead of
 * the coarse clock that the borrows read.
 */
@ExtendWith(OutputCaptureExtension.class)
class PoolUsageTests {

	private final PoolUsage usage = new PoolUsage("primary", Duration.ofSeconds(10));

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
	void threadsThatDiedAreForgottenByTheSweepOnceTheirLeakIsReported() throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			Thread thread = new Thread(() -> {
				this.usage.recordBorrow();
				this.usage.recordRelease(1);
			});
			thread.start();
			thread.join();
		}
		Thread leaker = new Thread(this.usage::recordBorrow, "leaker");
		leaker.start();
		leaker.join();
		assertThat(this.usage.borrowingThreads()).as("only live threads").isEmpty();
		List<PoolUsage.LongHeld> reported = this.usage.sweep(later(11_000));
		assertThat(reported).singleElement().satisfies((held) -> {
			assertThat(held.thread().getName()).isEqualTo("leaker");
			assertThat(held.stack()).as("the thread has ended").isEmpty();
		});
		assertThat(this.usage.sweep(later(12_000))).isEmpty();
		assertThat(this.usage.heldLong()).isZero();
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

	@Test
	void whatAThreadThatEndedCountedStaysInTheFiguresOnceItsRecordIsForgotten() throws InterruptedException {
		PoolUsage logging = new PoolUsage("primary", Duration.ofSeconds(10), true);
		Thread worker = new Thread(() -> {
			for (int i = 0; i < 3; i++) {
				logging.recordBorrow(200);
				logging.recordRelease(4);
			}
		}, "short-lived");
		worker.start();
		worker.join();
		logging.recordBorrow(200);
		logging.recordRelease(1);
		assertThat(logging.snapshot().releases()).isEqualTo(4);
		assertThat(logging.records()).isEqualTo(2);
		logging.sweep(later(0));
		assertThat(logging.records()).as("the ended thread's record is forgotten").isEqualTo(1);
		PoolUsage.Snapshot snapshot = logging.snapshot();
		assertThat(snapshot.releases()).isEqualTo(4);
		assertThat(snapshot.heldMillis()).isEqualTo(13);
		assertThat(logging.getAcquireTimes()).isNotNull()
			.satisfies((times) -> assertThat(times.counts().total()).isEqualTo(4));
		logging.close();
	}

	@Test
	void aConnectionHeldPastTheThresholdIsReportedOnceWhileStillHeldWithWhereItsThreadIsNow(CapturedOutput output)
			throws InterruptedException {
		CountDownLatch borrowed = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread holder = new Thread(() -> {
			this.usage.recordBorrow();
			borrowed.countDown();
			awaitQuietly(release);
			this.usage.recordRelease(15_000);
		}, "report-worker");
		holder.start();
		borrowed.await();
		// the holder's stack is read where it waits, not on its way there
		await().atMost(Duration.ofSeconds(30)).until(() -> holder.getState() == Thread.State.WAITING);
		assertThat(this.usage.sweep(later(5_000))).as("below the threshold").isEmpty();
		List<PoolUsage.LongHeld> reported = this.usage.sweep(later(10_500));
		assertThat(reported).singleElement().satisfies((held) -> {
			assertThat(held.thread()).isSameAs(holder);
			assertThat(held.heldFor()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
			assertThat(held.stack()).anySatisfy((frame) -> assertThat(frame.getMethodName()).isEqualTo("awaitQuietly"));
		});
		assertThat(output).contains("Pool 'primary': thread 'report-worker' has held a connection for ")
			.contains("past the leak-detection threshold of 10s, and still holds it; the thread is now at")
			.contains("PoolUsageTests.awaitQuietly");
		assertThat(this.usage.snapshot().leaks()).isEqualTo(1);
		assertThat(this.usage.sweep(later(20_000))).as("reported once").isEmpty();
		assertThat(this.usage.snapshot().leaks()).isEqualTo(1);
		release.countDown();
		holder.join();
		assertThat(output).contains("Pool 'primary': the connection that thread 'report-worker' held past the "
				+ "leak-detection threshold has come back");
		assertThat(this.usage.snapshot().longBorrows()).isEqualTo(1);
		assertThat(this.usage.borrowingThreads()).isEmpty();
	}

	@Test
	void aConnectionClosedByAnotherThreadComesOffTheThreadThatHeldOneLongest() throws InterruptedException {
		CountDownLatch borrowed = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(1);
		Thread borrower = new Thread(() -> {
			this.usage.recordBorrow();
			borrowed.countDown();
			awaitQuietly(done);
		}, "borrower");
		borrower.start();
		borrowed.await();
		this.usage.recordRelease(5);
		assertThat(this.usage.borrowingThreads()).isEmpty();
		assertThat(this.usage.sweep(later(60_000))).isEmpty();
		done.countDown();
		borrower.join();
	}

	@Test
	void theUpkeepThreadStaysOutOfTheFigures() {
		this.usage.setHousekeeper(Thread.currentThread());
		assertThat(this.usage.isHousekeeping()).isTrue();
		this.usage.setHousekeeper(null);
		assertThat(this.usage.isHousekeeping()).isFalse();
	}

	@Test
	void withoutAThresholdNothingIsReported() throws InterruptedException {
		PoolUsage off = new PoolUsage("primary", Duration.ZERO);
		Thread leaker = new Thread(off::recordBorrow);
		leaker.start();
		leaker.join();
		assertThat(off.sweep(later(3_600_000))).isEmpty();
		assertThat(off.heldLong()).isZero();
		off.close();
	}

	@Test
	void acquireTimesAreCountedOnlyForAPoolThatLogsItsActivity() {
		assertThat(this.usage.getAcquireTimes()).isNull();
		this.usage.recordBorrow(5_000);
		PoolUsage logging = new PoolUsage("primary", Duration.ZERO, true);
		logging.recordBorrow(5_000);
		logging.recordBorrow(7_000_000);
		// a borrow from an idle connection is counted on the thread's record, in the first bucket
		logging.recordBorrow(300);
		assertThat(logging.getAcquireTimes()).isNotNull().satisfies((times) -> {
			assertThat(times.counts().total()).isEqualTo(3);
			assertThat(times.counts().quantile(0.3)).isLessThan(Duration.ofNanos(AcquireTimes.QUICK_NANOS));
			assertThat(times.counts().quantile(0.5)).isGreaterThan(Duration.ofNanos(4_000));
		});
		logging.close();
	}

	private static long later(long millis) {
		return BorrowSweeper.now() + millis;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
