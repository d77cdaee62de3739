package io.github.llmclient.sample.demo;


import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The demo model's error responses in Gemini's shape ({@code {"error": {code, message, status,
 * details}}}): the faults it acts out and invalid requests. A rate limit says how long to wait in a
 * {@code google.rpc.RetryInfo} detail, not in a {@code Retry-After} header, as Gemini does.
 */
final class DemoGeminiErrors {

	private DemoGeminiErrors() {
	}

	/**
	 * The response a fault asks for on this attempt.
	 * @param fault the fault the prompt asked for
	 * @param attempt the attempt of the call, from 1
	 * @return the error response, or null when this attempt should succeed
	 */
	static @Nullable ResponseEntity<Object> actedOut(DemoFault fault, int attempt) {
		String why = " (the prompt asked for it with " + fault.keyword() + ")";
		return switch (fault) {
			case FAIL_ALWAYS -> overloaded(why);
			case FAIL_ONCE -> (attempt == 1) ? overloaded(why) : null;
			case LIMIT_ALWAYS -> rateLimited(120, why);
			case LIMIT_ONCE -> (attempt == 1) ? rateLimited(1, why) : null;
			case SLOW -> null;
		};
	}

	private static ResponseEntity<Object> overloaded(String why) {
		return error(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE",
				"The model is overloaded" + why + ". Please try again later.", null);
	}

	private static ResponseEntity<Object> rateLimited(int retryDelaySeconds, String why) {
		ObjectNode retryInfo = JsonNodeFactory.instance.objectNode()
			.put("@type", "type.googleapis.com/google.rpc.RetryInfo")
			.put("retryDelay", retryDelaySeconds + "s");
		return error(HttpStatus.TOO_MANY_REQUESTS, "RESOURCE_EXHAUSTED", "You exceeded your current quota for the "
				+ "demo model" + why + ". Please retry in " + retryDelaySeconds + "s.", retryInfo);
	}

	/**
	 * An {@code INVALID_ARGUMENT} (400) error.
	 * @param message what is wrong
	 * @return the error response
	 */
	static ResponseEntity<Object> invalidArgument(String message) {
		return error(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", message, null);
	}

	/**
	 * A {@code NOT_FOUND} (404) error for a model the demo does not serve.
	 * @param model the model asked for
	 * @param method the method asked for
	 * @return the error response
	 */
	static ResponseEntity<Object> notFound(String model, String method) {
		return error(HttpStatus.NOT_FOUND, "NOT_FOUND", "models/" + model + " is not found for API version v1beta, "
				+ "or is not supported for " + method + ". Call ListModels to see the list of available models and "
				+ "their supported methods.", null);
	}

	private static ResponseEntity<Object> error(HttpStatus status, String code, String message,
			@Nullable ObjectNode detail) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		ObjectNode error = body.putObject("error").put("code", status.value()).put("message", message)
			.put("status", code);
		if (detail != null) {
			error.putArray("details").add(detail);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body((Object) body);
	}

}
