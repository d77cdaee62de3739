package io.github.llmclient.sample.problem;

import java.time.Duration;
import java.util.Optional;

import io.github.llmclient.error.LlmAuthenticationException;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmTimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Maps the starter's exceptions to what this application's clients see: an HTTP status and an
 * RFC 9457 problem body. Shared by the JSON endpoint (as the response) and the event stream (as
 * its final {@code problem} event), so both report a failure the same way.
 *
 * <table>
 * <caption>Statuses</caption>
 * <tr><th>starter exception</th><th>status</th></tr>
 * <tr><td>{@link LlmRateLimitException}</td><td>429, with {@code Retry-After} passed on</td></tr>
 * <tr><td>{@link LlmTimeoutException}</td><td>504</td></tr>
 * <tr><td>{@link LlmBadRequestException} (unknown model, prompt too long…; or refused unsent: no
 * model configured, embeddings on Anthropic)</td><td>400</td></tr>
 * <tr><td>a plain {@link LlmException} for an answer that is not the type asked for
 * ({@code chat(request, type)}, {@code contentAs}, {@code argumentsAs}), including one cut off at
 * the token limit (titled so)</td><td>502</td></tr>
 * <tr><td>another plain {@link LlmException} without response (the client itself, e.g. a full
 * queue)</td><td>503</td></tr>
 * <tr><td>any other {@link LlmException} (server errors, rejected credentials, broken
 * connections or streams)</td><td>502</td></tr>
 * </table>
 * The body carries the starter's message (which names the provider's own error and never the API
 * key) and the facts a support team needs: the upstream status, the provider's error type and the
 * request ids. Never a stack trace.
 */
public final class LlmProblems {

	private LlmProblems() {
	}

	/**
	 * The HTTP status that reports the failure.
	 * @param failure what the starter raised
	 * @return the status
	 */
	public static HttpStatus statusOf(LlmException failure) {
		if (failure instanceof LlmRateLimitException) {
			return HttpStatus.TOO_MANY_REQUESTS;
		}
		if (failure instanceof LlmTimeoutException) {
			return HttpStatus.GATEWAY_TIMEOUT;
		}
		if (failure instanceof LlmBadRequestException) {
			return HttpStatus.BAD_REQUEST;
		}
		if (failure.getClass() == LlmException.class && failure.statusCode() == 0 && !isUnreadableAnswer(failure)) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		return HttpStatus.BAD_GATEWAY;
	}

	/**
	 * Whether the failure is an answer that could not be read as the type asked for: the starter
	 * says so with a plain {@link LlmException} whose message starts "Could not read" and names
	 * the type, or, for an answer cut off at the token limit, whose error type is
	 * {@link LlmException#OUTPUT_TRUNCATED}.
	 * @param failure what the starter raised
	 * @return true for an answer of the wrong shape
	 */
	public static boolean isUnreadableAnswer(LlmException failure) {
		return failure.getClass() == LlmException.class && failure.statusCode() == 0
				&& (String.valueOf(failure.getMessage()).startsWith("Could not read ") || isCutOffAnswer(failure));
	}

	/**
	 * Whether the failure is an answer that stopped at the token limit before it was complete,
	 * so it could not be read as the type asked for.
	 * @param failure what the starter raised
	 * @return true for a cut-off answer
	 */
	public static boolean isCutOffAnswer(LlmException failure) {
		return failure.getClass() == LlmException.class && failure.statusCode() == 0
				&& LlmException.OUTPUT_TRUNCATED.equals(failure.errorType());
	}

	/**
	 * The problem body that reports the failure.
	 * @param failure what the starter raised
	 * @return the problem, its status set
	 */
	public static ProblemDetail problemOf(LlmException failure) {
		HttpStatus status = statusOf(failure);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, String.valueOf(failure.getMessage()));
		problem.setTitle(titleOf(failure, status));
		problem.setProperty("provider", failure.provider());
		if (failure.statusCode() != 0) {
			problem.setProperty("upstreamStatus", failure.statusCode());
		}
		if (failure.errorType() != null) {
			problem.setProperty("errorType", failure.errorType());
		}
		if (failure instanceof LlmTimeoutException timeout) {
			problem.setProperty("timeout", timeout.phase().name());
		}
		retryAfterSeconds(failure).ifPresent((seconds) -> problem.setProperty("retryAfterSeconds", seconds));
		if (failure.requestId() != null) {
			problem.setProperty("requestId", failure.requestId());
		}
		if (failure.clientRequestId() != null) {
			problem.setProperty("clientRequestId", failure.clientRequestId());
		}
		return problem;
	}

	/**
	 * The problem body of a failure that is not the starter's: a generic 500 that reveals
	 * nothing of the application's insides.
	 * @return the problem
	 */
	public static ProblemDetail internalError() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The server failed to handle the request; its log has the details.");
		problem.setTitle("Internal error");
		return problem;
	}

	/**
	 * The wait the provider asked for, in whole seconds rounded up, as a {@code Retry-After}
	 * header states it.
	 * @param failure what the starter raised
	 * @return the seconds, or empty when the provider asked for no wait
	 */
	public static Optional<Long> retryAfterSeconds(LlmException failure) {
		return failure.retryAfter().map(LlmProblems::ceilSeconds);
	}

	private static long ceilSeconds(Duration wait) {
		long seconds = wait.getSeconds();
		return (wait.getNano() > 0) ? seconds + 1 : seconds;
	}

	private static String titleOf(LlmException failure, HttpStatus status) {
		if (failure instanceof LlmAuthenticationException) {
			return "The model provider rejected this application's credentials";
		}
		if (isCutOffAnswer(failure)) {
			return "The model's answer was cut off at the token limit";
		}
		if (isUnreadableAnswer(failure)) {
			return "The model's answer was not of the type asked for";
		}
		if (failure instanceof LlmBadRequestException && failure.statusCode() == 0) {
			// no model configured, or a provider without the API (embeddings on Anthropic)
			return "The request was refused before it was sent";
		}
		return switch (status) {
			case TOO_MANY_REQUESTS -> "Rate limited by the model provider";
			case GATEWAY_TIMEOUT -> "The model provider did not answer in time";
			case BAD_REQUEST -> "The model provider rejected the request";
			case SERVICE_UNAVAILABLE -> "The chat client could not take the call";
			default -> "The model provider failed";
		};
	}

}
