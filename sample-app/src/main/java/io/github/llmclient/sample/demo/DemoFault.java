package io.github.llmclient.sample.demo;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The failures the demo model acts out when a prompt contains their keyword, so that retries,
 * rate limits and timeouts can be watched in the logs, the metrics and the chat page.
 */
enum DemoFault {

	/** {@code #fail-once}: the first attempt of a call gets HTTP 503, the retry succeeds. */
	FAIL_ONCE("#fail-once"),

	/** {@code #limit-once}: the first attempt gets HTTP 429 with {@code Retry-After: 1}, the retry succeeds. */
	LIMIT_ONCE("#limit-once"),

	/** {@code #fail-always}: every attempt gets HTTP 503, so retries run out. */
	FAIL_ALWAYS("#fail-always"),

	/**
	 * {@code #limit-always}: every attempt gets HTTP 429 with {@code Retry-After: 120}, a wait
	 * longer than {@code llm.retry.max-retry-after}, so the call fails at once.
	 */
	LIMIT_ALWAYS("#limit-always"),

	/** {@code #slow}: every attempt waits {@code demo.slow-delay}, longer than the client's timeouts. */
	SLOW("#slow");

	private final String keyword;

	DemoFault(String keyword) {
		this.keyword = keyword;
	}

	String keyword() {
		return this.keyword;
	}

	/**
	 * The fault a prompt asks for.
	 * @param prompt the last user message
	 * @return the first fault whose keyword the prompt contains, or null
	 */
	static @Nullable DemoFault in(String prompt) {
		String text = prompt.toLowerCase(Locale.ROOT);
		for (DemoFault fault : values()) {
			if (text.contains(fault.keyword)) {
				return fault;
			}
		}
		return null;
	}

}
