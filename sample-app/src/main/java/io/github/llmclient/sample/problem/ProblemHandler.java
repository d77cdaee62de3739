package io.github.llmclient.sample.problem;

import io.github.llmclient.error.LlmException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

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
		logger.warn("Model call failed: " + failure.getMessage());
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

	/**
	 * Writes every problem body as {@code application/problem+json}, whatever the request
	 * accepts: a client of the event stream that sent bad input gets a readable problem, not the
	 * problem wrapped in an event stream.
	 */
	@Override
	protected Mono<ResponseEntity<Object>> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		if (body instanceof ProblemDetail && headers.getContentType() == null) {
			HttpHeaders problemHeaders = new HttpHeaders();
			problemHeaders.putAll(headers);
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return super.createResponseEntity(body, problemHeaders, status, exchange);
		}
		return super.createResponseEntity(body, headers, status, exchange);
	}

}
