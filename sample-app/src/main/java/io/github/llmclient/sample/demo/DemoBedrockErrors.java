package io.github.llmclient.sample.demo;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The demo model's errors in Bedrock's shape: the status, {@code x-amzn-ErrorType} naming the
 * exception, and {@code {"message": ...}}; never a {@code Retry-After} (Bedrock sends none).
 */
final class DemoBedrockErrors {

	private DemoBedrockErrors() {
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
			case FAIL_ALWAYS -> unavailable(requestId, why);
			case FAIL_ONCE -> (attempt == 1) ? unavailable(requestId, why) : null;
			case LIMIT_ALWAYS -> throttled(requestId, why);
			case LIMIT_ONCE -> (attempt == 1) ? throttled(requestId, why) : null;
			case SLOW -> null;
		};
	}

	/**
	 * A {@code ValidationException}, as Bedrock answers a request it cannot serve.
	 * @param requestId the demo model's id of this response
	 * @param message what is wrong
	 * @return the error response
	 */
	static ResponseEntity<Object> validation(String requestId, String message) {
		return error(HttpStatus.BAD_REQUEST, "ValidationException", requestId, message);
	}

	private static ResponseEntity<Object> unavailable(String requestId, String why) {
		return error(HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailableException", requestId,
				"The demo model is unavailable" + why + ".");
	}

	private static ResponseEntity<Object> throttled(String requestId, String why) {
		return error(HttpStatus.TOO_MANY_REQUESTS, "ThrottlingException", requestId,
				"Too many requests, please wait before trying again" + why + ".");
	}

	private static ResponseEntity<Object> error(HttpStatus status, String type, String requestId, String message) {
		return ResponseEntity.status(status)
			.header(DemoBedrockController.REQUEST_ID, requestId)
			.header(DemoBedrockController.ERROR_TYPE, type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
			.contentType(MediaType.APPLICATION_JSON)
			.body(JsonNodeFactory.instance.objectNode().put("message", message));
	}

}
