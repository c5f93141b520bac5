package dev.poolstarter.redis.cache;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.cache.RedisCacheWriter;

/**
 * The cache writes that did not reach Redis during an outage, whose entries may now be
 * stale: at most {@value RedisCacheBreaker#MAX_MISSED_WRITES}, counted beyond that. They
 * are replayed as evictions in batches, so that a long outage does not flood the
 * client's request queue once Redis is back.
 *
 * @author pool-starter
 */
final class MissedCacheWrites {

	private static final int BATCH = 500;

	private final Map<MissedWrite, RedisCacheWriter> writes = new LinkedHashMap<>();

	private long forgotten;

	/**
	 * Remember a write by its key, or a clear by its key pattern.
	 */
	synchronized void add(RedisCacheWriter writer, String cacheName, byte[] keyOrPattern, boolean pattern) {
		MissedWrite write = new MissedWrite(cacheName, ByteBuffer.wrap(keyOrPattern.clone()), pattern);
		if (this.writes.size() < RedisCacheBreaker.MAX_MISSED_WRITES || this.writes.containsKey(write)) {
			this.writes.put(write, writer);
		}
		else {
			this.forgotten++;
		}
	}

	synchronized boolean isEmpty() {
		return this.writes.isEmpty();
	}

	/**
	 * Return how many writes were not remembered since the last call, and start again.
	 */
	synchronized long takeForgotten() {
		long count = this.forgotten;
		this.forgotten = 0;
		return count;
	}

	/**
	 * Evict the entries of the writes remembered so far, and forget those writes; a failure
	 * leaves the ones it interrupted for the next call.
	 * @return how many entries or patterns were evicted
	 */
	int replay() {
		Map<MissedWrite, RedisCacheWriter> snapshot;
		synchronized (this) {
			snapshot = new LinkedHashMap<>(this.writes);
		}
		List<MissedWrite> batch = new ArrayList<>();
		RedisCacheWriter batchWriter = null;
		for (Map.Entry<MissedWrite, RedisCacheWriter> write : snapshot.entrySet()) {
			if (write.getKey().pattern()) {
				write.getValue().clear(write.getKey().cacheName(), write.getKey().bytes());
				done(write.getValue(), List.of(write.getKey()));
				continue;
			}
			if (write.getValue() != batchWriter || batch.size() == BATCH) {
				delete(batchWriter, batch);
				batch = new ArrayList<>();
				batchWriter = write.getValue();
			}
			batch.add(write.getKey());
		}
		delete(batchWriter, batch);
		return snapshot.size();
	}

	// Spring Data Redis evicts asynchronously by default: one DEL per batch, waited for,
	// keeps the client's request queue bounded and shows a failure
	private void delete(@Nullable RedisCacheWriter writer, List<MissedWrite> batch) {
		if (writer == null || batch.isEmpty()) {
			return;
		}
		byte[][] keys = batch.stream().map(MissedWrite::bytes).toArray(byte[][]::new);
		try {
			writer.execute((connection) -> connection.keyCommands().del(keys));
		}
		catch (UnsupportedOperationException ex) {
			// RedisCacheWriter.execute is a default method that throws this where a writer does
			// not implement it (an application's own, or one that a wrapper delegates to), and
			// there is no other way to ask: evict key by key
			batch.forEach((write) -> writer.evict(write.cacheName(), write.bytes()));
		}
		done(writer, batch);
	}

	private synchronized void done(RedisCacheWriter writer, List<MissedWrite> batch) {
		batch.forEach((write) -> this.writes.remove(write, writer));
	}

	private record MissedWrite(String cacheName, ByteBuffer keyOrPattern, boolean pattern) {

		byte[] bytes() {
			return this.keyOrPattern.array();
		}

	}

}
