package io.github.llmclient.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The smallest valid settings are accepted; one below them is refused naming the value. */
class RateLimitSettingsTests {

	@Test
	void oneRequestOrTokenAMinuteNoWaitAndNoDefaultOutputAreValid() {
		RateLimitSettings settings = new RateLimitSettings(1, 1, RateLimitStore.LOCAL, null, Duration.ZERO,
				Duration.ofMillis(500), 0, true);
		assertThat(settings.hasBudget()).isTrue();
		assertThat(settings.defaultOutputTokens()).isZero();
	}

	@Test
	void belowTheSmallestValidValuesIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RateLimitSettings(0, null, RateLimitStore.LOCAL, null, Duration.ZERO,
					Duration.ofMillis(500), 0, true))
			.withMessage("requestsPerMinute must be at least 1, was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RateLimitSettings(null, 0, RateLimitStore.LOCAL, null, Duration.ZERO,
					Duration.ofMillis(500), 0, true))
			.withMessage("tokensPerMinute must be at least 1, was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RateLimitSettings(null, null, RateLimitStore.LOCAL, null, Duration.ofNanos(-1),
					Duration.ofMillis(500), 0, true))
			.withMessageStartingWith("maxWait must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RateLimitSettings(null, null, RateLimitStore.LOCAL, null, Duration.ZERO,
					Duration.ofMillis(500), -1, true))
			.withMessage("defaultOutputTokens must not be negative, was -1");
	}

	@Test
	void theKeyIsTheConfiguredOneOrNamedAfterTheClient() {
		RateLimitSettings defaults = RateLimitSettings.defaults();
		assertThat(defaults.hasBudget()).isFalse();
		assertThat(defaults.keyFor("openai")).isEqualTo("llm:openai");
		RateLimitSettings blank = new RateLimitSettings(null, 5, RateLimitStore.REDIS, " ", Duration.ZERO,
				Duration.ofMillis(500), 0, true);
		assertThat(blank.hasBudget()).isTrue();
		assertThat(blank.keyFor("openai")).isEqualTo("llm:openai");
		assertThat(new RateLimitSettings(null, null, RateLimitStore.REDIS, "llm:prod", Duration.ZERO,
				Duration.ofMillis(500), 0, true).keyFor("openai")).isEqualTo("llm:prod");
	}

}
