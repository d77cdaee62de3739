package io.github.llmclient;

import java.util.function.Supplier;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.retry.RetryOperator;
import io.github.llmclient.retry.RetryPolicies;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * When and where a client hands a failed call over ({@code llm.fallback}): after a retryable
 * failure whose retries are exhausted, or a rate limit.
 */
final class Fallback {

	private static final Log logger = LogFactory.getLog(Fallback.class);

	private final ClientConfig config;

	private final @Nullable Supplier<LlmTemplate> target;

	Fallback(ClientConfig config, @Nullable Supplier<LlmTemplate> target) {
		this.config = config;
		this.target = target;
	}

	boolean shouldTake(Throwable error) {
		return this.target != null && this.config.fallback() != null
				&& (error instanceof LlmRateLimitException || RetryPolicies.isRetryable(error));
	}

	LlmTemplate take(CallContext call, Throwable error) {
		LlmTemplate template = target();
		logger.warn("LLM client '" + this.config.name() + "' failed (" + RetryOperator.reason(error)
				+ "), falling back to client '" + template.config().name() + "' [client request id "
				+ call.clientRequestId() + "]");
		call.observer().onFallback(template.config().name());
		return template;
	}

	/** Models are provider-specific: an explicit model gives way to the fallback client's own default. */
	ChatRequest request(ChatRequest request) {
		String model = target().config().model();
		return (request.model() != null && model != null) ? request.withModel(model) : request;
	}

	private LlmTemplate target() {
		if (this.target == null) {
			throw new IllegalStateException("No fallback client");
		}
		return this.target.get();
	}

}
