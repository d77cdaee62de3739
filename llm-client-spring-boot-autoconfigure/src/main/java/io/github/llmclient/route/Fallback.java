package io.github.llmclient.route;

import java.util.function.Supplier;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.error.LlmCircuitOpenException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.exchange.CallContext;
import io.github.llmclient.retry.RetryOperator;
import io.github.llmclient.retry.RetryPolicies;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * When and where a client hands a failed call over ({@code llm.fallback}): after a retryable
 * failure whose retries are exhausted, or a rate limit.
 * <p>
 * Internal: not an API, it may change in any release.
 */
public final class Fallback {

	private static final Log logger = LogFactory.getLog(Fallback.class);

	private final ClientConfig config;

	private final @Nullable Supplier<LlmTemplate> target;

	/** Creates the fallback of one client; {@code target} is null without one. */
	public Fallback(ClientConfig config, @Nullable Supplier<LlmTemplate> target) {
		this.config = config;
		this.target = target;
	}

	/** Whether a call that failed so goes to the fallback client. */
	public boolean shouldTake(Throwable error) {
		return this.target != null && this.config.fallback() != null && takes(error);
	}

	/**
	 * Whether another client may serve a call that failed so: a retryable failure (its retries
	 * exhausted), a rate limit, or an open circuit. Groups move a call to their next member on it.
	 */
	static boolean takes(Throwable error) {
		return error instanceof LlmRateLimitException || error instanceof LlmCircuitOpenException
				|| RetryPolicies.isRetryable(error);
	}

	/** The fallback client, the hand-over logged and reported to the call's observer. */
	public LlmTemplate take(CallContext call, Throwable error) {
		LlmTemplate template = target();
		logger.warn("LLM client '" + this.config.name() + "' failed (" + RetryOperator.reason(error)
				+ "), falling back to client '" + template.config().name() + "' [client request id "
				+ call.clientRequestId() + "]");
		call.observer().onFallback(template.config().name());
		return template;
	}

	/** Models are provider-specific: an explicit model gives way to the fallback client's own default. */
	public ChatRequest request(ChatRequest request) {
		return request(request, target());
	}

	/** The request as another client sends it: an explicit model gives way to that client's own default. */
	static ChatRequest request(ChatRequest request, LlmTemplate target) {
		String model = target.config().model();
		return (request.model() != null && model != null) ? request.withModel(model) : request;
	}

	private LlmTemplate target() {
		if (this.target == null) {
			throw new IllegalStateException("No fallback client");
		}
		return this.target.get();
	}

}
