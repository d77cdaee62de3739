package io.github.llmclient.sample.demo;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The demo model's error responses, in OpenAI's shape: the faults it acts out and invalid requests. */
final class DemoErrors {

	private DemoErrors() {
	}

	/**
	 * The response a fault asks for on this attempt.
	 * @param fault the fault the prompt asked for
	 * @param attempt the attempt of the call, from 1
	 * @param requestId the demo model's id of this response
	 * @return the error response, or null when this attempt should succeed
	 */
	static @Nullable ResponseEntity<Object> actedOut(DemoFault fault, int attempt, String requestId) {
		String why = " (the prompt asked for it with " + fault.keyword() + ")";
		return switch (fault) {
			case FAIL_ALWAYS -> overloaded(requestId, why);
			case FAIL_ONCE -> (attempt == 1) ? overloaded(requestId, why) : null;
			case LIMIT_ALWAYS -> rateLimited(requestId, 120, why);
			case LIMIT_ONCE -> (attempt == 1) ? rateLimited(requestId, 1, why) : null;
			case SLOW -> null;
		};
	}

	private static ResponseEntity<Object> overloaded(String requestId, String why) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(DemoModelController.REQUEST_ID, requestId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new DemoWire.ErrorBody(new DemoWire.Error("The demo model is overloaded" + why + ".", "server_error",
					null, null)));
	}

	private static ResponseEntity<Object> rateLimited(String requestId, int retryAfterSeconds, String why) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(DemoModelController.REQUEST_ID, requestId)
			.header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
			.contentType(MediaType.APPLICATION_JSON)
			.body(new DemoWire.ErrorBody(new DemoWire.Error("Rate limit reached for the demo model" + why
					+ ". Please try again in " + retryAfterSeconds + "s.", "requests", null, "rate_limit_exceeded")));
	}

	/**
	 * An {@code invalid_request_error}, as OpenAI answers a request it cannot serve.
	 * @param status the status
	 * @param requestId the demo model's id of this response
	 * @param message what is wrong
	 * @param code OpenAI's error code, or null
	 * @return the error response
	 */
	static ResponseEntity<Object> invalidRequest(HttpStatus status, String requestId, String message,
			@Nullable String code) {
		return ResponseEntity.status(status)
			.header(DemoModelController.REQUEST_ID, requestId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new DemoWire.ErrorBody(new DemoWire.Error(message, "invalid_request_error", null, code)));
	}

}
