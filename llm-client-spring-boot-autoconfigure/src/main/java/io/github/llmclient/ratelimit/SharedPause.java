package io.github.llmclient.ratelimit;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * A pause the provider's headers announced, shared by every instance using the same store and
 * key ({@code redis} mode). Implementations fail open: an error or timeout reads as no pause.
 */
public interface SharedPause {

	/**
	 * Tells the other instances that new calls must wait.
	 * @param wait how long from now
	 */
	void publish(Duration wait);

	/**
	 * What remains of a pause another instance announced.
	 * @return the wait, zero when there is none
	 */
	Mono<Duration> remaining();

}
