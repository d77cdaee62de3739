package io.github.llmclient.batching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.github.llmclient.chat.BatchResult;

/**
 * Puts a batch job's results, which providers write in any order, back in submission order while
 * they stream: a result whose turn has come goes out at once with every waiting one that follows
 * it; one that arrives early waits in a map. Memory is the distance of the disorder: results
 * written in order (as in the usual output file) hold nothing, and the worst case (written in
 * reverse) holds them all. Not thread-safe: one per read, fed one line at a time.
 */
final class BatchResultOrder {

	private final int total;

	private final Map<Integer, BatchResult> waiting = new HashMap<>();

	private int next;

	BatchResultOrder(int total) {
		this.total = total;
	}

	/**
	 * Takes one result.
	 * @param result the result
	 * @return the results whose turn has come, in order (often none or one)
	 * @throws IllegalArgumentException for a position outside the job or read twice
	 */
	List<BatchResult> accept(BatchResult result) {
		int index = result.index();
		if (index < 0 || (this.total > 0 && index >= this.total)) {
			throw new IllegalArgumentException("a result for request " + index + " of a job of " + this.total);
		}
		if (index < this.next || this.waiting.containsKey(index)) {
			throw new IllegalArgumentException("a second result for request " + index);
		}
		if (index != this.next) {
			this.waiting.put(index, result);
			return List.of();
		}
		this.next++;
		if (this.waiting.isEmpty()) {
			return List.of(result);
		}
		List<BatchResult> ready = new ArrayList<>();
		ready.add(result);
		BatchResult following;
		while ((following = this.waiting.remove(this.next)) != null) {
			ready.add(following);
			this.next++;
		}
		return ready;
	}

	/**
	 * What is left once every line was read: the waiting results in order, and for each request
	 * that had no line, the result the given function makes.
	 * @param missing makes the result of a request without a line
	 * @return the rest, in order
	 */
	List<BatchResult> rest(IntFunction<BatchResult> missing) {
		int end = Math.max(this.total, this.waiting.keySet().stream().mapToInt((index) -> index + 1).max().orElse(0));
		List<BatchResult> rest = new ArrayList<>(Math.max(0, end - this.next));
		for (int index = this.next; index < end; index++) {
			BatchResult waiting = this.waiting.remove(index);
			rest.add((waiting != null) ? waiting : missing.apply(index));
		}
		this.next = end;
		return rest;
	}

	/** Results waiting for their turn now. */
	int waiting() {
		return this.waiting.size();
	}

}
