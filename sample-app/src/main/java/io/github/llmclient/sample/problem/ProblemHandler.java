package io.github.llmclient.sample.problem;

import io.github.llmclient.error.LlmException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every failure of the application's endpoints as a problem body: Spring's own (bad
 * input, unsupported media type…) through {@link ResponseEntityExceptionHandler}, the starter's
 * through {@link LlmProblems}, with the provider's {@code Retry-After} passed on to clients
 * of a 429 or 503.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemHandler.class);

	/**
	 * Reports a failed model call.
	 * @param failure what the starter raised
	 * @return the problem response
	 */
	@ExceptionHandler(LlmException.class)
	public ResponseEntity<ProblemDetail> handleLlmException(LlmException failure) {
		logger.warn("Chat call failed: " + failure.getMessage());
		ProblemDetail problem = LlmProblems.problemOf(failure);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		// Retry-After means something to clients on 429 and 503 only.
		if (problem.getStatus() == 429 || problem.getStatus() == 503) {
			LlmProblems.retryAfterSeconds(failure)
				.ifPresent((seconds) -> response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
		}
		return response.body(problem);
	}

}
