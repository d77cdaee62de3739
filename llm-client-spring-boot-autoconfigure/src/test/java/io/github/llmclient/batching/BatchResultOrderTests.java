package io.github.llmclient.batching;

import java.util.List;

import io.github.llmclient.chat.BatchResult;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Usage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Putting a batch job's results back in submission order while they stream. */
class BatchResultOrderTests {

	@Test
	void resultsInOrderPassStraightThroughHoldingNothing() {
		BatchResultOrder order = new BatchResultOrder(3);
		for (int i = 0; i < 3; i++) {
			assertThat(order.accept(result(i))).extracting(BatchResult::index).containsExactly(i);
			assertThat(order.waiting()).isZero();
		}
		assertThat(order.rest(BatchResultOrderTests::missing)).isEmpty();
	}

	@Test
	void anEarlyResultWaitsOnlyUntilItsTurn() {
		BatchResultOrder order = new BatchResultOrder(4);
		assertThat(order.accept(result(2))).isEmpty();
		assertThat(order.accept(result(1))).isEmpty();
		assertThat(order.waiting()).isEqualTo(2);
		assertThat(order.accept(result(0))).extracting(BatchResult::index).containsExactly(0, 1, 2);
		assertThat(order.waiting()).isZero();
		assertThat(order.accept(result(3))).extracting(BatchResult::index).containsExactly(3);
	}

	@Test
	void requestsWithoutALineGetTheMissingResultInTheirPlace() {
		BatchResultOrder order = new BatchResultOrder(4);
		order.accept(result(0));
		order.accept(result(2));
		List<BatchResult> rest = order.rest(BatchResultOrderTests::missing);
		assertThat(rest).extracting(BatchResult::index).containsExactly(1, 2, 3);
		assertThat(rest).extracting(BatchResult::isSuccess).containsExactly(false, true, false);
	}

	@Test
	void aSecondResultForARequestOrOneOutsideTheJobIsAnError() {
		BatchResultOrder order = new BatchResultOrder(2);
		order.accept(result(0));
		assertThatIllegalArgumentException().isThrownBy(() -> order.accept(result(0)));
		assertThatIllegalArgumentException().isThrownBy(() -> order.accept(result(2)));
		assertThatIllegalArgumentException().isThrownBy(() -> order.accept(result(-1)));
	}

	private static BatchResult result(int index) {
		return BatchResult.success(index, null, new ChatResponse("r" + index, "m", "a" + index, "stop", Usage.of(1, 1)));
	}

	private static BatchResult missing(int index) {
		return BatchResult.failure(index, null, new IllegalStateException("no result"));
	}

}
