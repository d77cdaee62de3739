package io.github.llmclient.metrics;

import io.github.llmclient.error.LlmException;
import org.jspecify.annotations.Nullable;

/** Low-cardinality tag values for failures and statuses, without allocation on common paths. */
final class ErrorTypes {

	private static final String[] STATUSES = new String[600];

	static {
		for (int status = 100; status < STATUSES.length; status++) {
			STATUSES[status] = Integer.toString(status);
		}
	}

	private ErrorTypes() {
	}

	/**
	 * The {@code error.type} of a failure: the HTTP status of an error response, else the
	 * exception's simple name.
	 * @param error the failure, or null
	 * @return {@code none}, a status code or a class name
	 */
	static String of(@Nullable Throwable error) {
		if (error == null) {
			return LlmMetricNames.NONE;
		}
		if (error instanceof java.util.concurrent.CancellationException) {
			return LlmMetricNames.CANCELLED;
		}
		if (error instanceof LlmException llm && llm.statusCode() >= 400) {
			return status(llm.statusCode());
		}
		String name = error.getClass().getSimpleName();
		return name.isEmpty() ? error.getClass().getName() : name;
	}

	/**
	 * The {@code status} tag of an attempt.
	 * @param status the HTTP status, or 0 when no response arrived
	 * @return the code, or {@code none}
	 */
	static String status(int status) {
		if (status <= 0) {
			return LlmMetricNames.NONE;
		}
		return (status < STATUSES.length && STATUSES[status] != null) ? STATUSES[status] : Integer.toString(status);
	}

	/**
	 * A tag value for something that may be absent.
	 * @param value the value, or null
	 * @return the value, or {@code none}
	 */
	static String orNone(@Nullable String value) {
		return (value != null && !value.isEmpty()) ? value : LlmMetricNames.NONE;
	}

}
