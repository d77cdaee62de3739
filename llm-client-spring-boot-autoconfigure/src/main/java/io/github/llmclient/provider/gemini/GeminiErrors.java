package io.github.llmclient.provider.gemini;

import java.math.BigDecimal;
import java.time.Duration;

import io.github.llmclient.provider.ErrorBodies;
import io.github.llmclient.provider.ProviderError;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Google's errors: {@code {"error": {code, message, status, details}}}, also inside a
 * one-element array and as an in-stream event. The type is {@code status}
 * ({@code RESOURCE_EXHAUSTED}; Vertex's {@code errors[0].reason} when there is none); a
 * {@code google.rpc.RetryInfo} detail's {@code retryDelay} is the requested wait; a
 * {@code google.rpc.QuotaFailure} on a per-day quota makes the error not retryable (it does not
 * heal today).
 */
final class GeminiErrors {

	private final JsonMapper mapper;

	GeminiErrors(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** Reads an error body, leniently: a body of another shape gives what {@link ErrorBodies} finds. */
	ProviderError read(byte[] body) {
		if (body.length == 0) {
			return ProviderError.NONE;
		}
		JsonNode root;
		try {
			root = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			return ErrorBodies.read(this.mapper, body);
		}
		if (root.isArray() && root.size() == 1) {
			root = root.get(0);
		}
		if (root.path("error").isObject()) {
			return fromObject(root);
		}
		return ErrorBodies.read(this.mapper, body);
	}

	/**
	 * Reads an object holding {@code error}.
	 * @param root the object
	 * @return what it says
	 */
	static ProviderError fromObject(JsonNode root) {
		JsonNode error = root.path("error");
		String message = GeminiResponses.text(error.path("message"));
		String type = GeminiResponses.text(error.path("status"));
		if (type == null) {
			type = GeminiResponses.text(error.path("errors").path(0).path("reason"));
		}
		int code = error.path("code").asInt(0);
		Duration retryAfter = null;
		Boolean retryable = null;
		for (JsonNode detail : error.path("details")) {
			String detailType = String.valueOf(GeminiResponses.text(detail.path("@type")));
			if (detailType.endsWith("google.rpc.RetryInfo")) {
				retryAfter = duration(GeminiResponses.text(detail.path("retryDelay")));
			}
			else if (detailType.endsWith("google.rpc.QuotaFailure")) {
				for (JsonNode violation : detail.path("violations")) {
					String quota = GeminiResponses.text(violation.path("quotaId"));
					if (quota != null && quota.contains("PerDay")) {
						retryable = Boolean.FALSE;
					}
				}
			}
		}
		return new ProviderError(message, type, code, retryAfter, retryable);
	}

	/** A protobuf JSON duration: seconds with an {@code s} suffix, possibly fractional ({@code "34.4s"}). */
	static @Nullable Duration duration(@Nullable String text) {
		if (text == null || !text.endsWith("s")) {
			return null;
		}
		try {
			BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1).strip());
			if (seconds.signum() < 0) {
				return null;
			}
			// whole milliseconds, rounded up: never wait less than asked
			return Duration.ofMillis(seconds.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact());
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return null;
		}
	}

}
