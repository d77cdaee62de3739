package io.github.llmclient.sample.problem;

import java.time.Duration;

import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmAuthenticationException;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.error.LlmTransportException;
import io.github.llmclient.sample.extract.Contact;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every exception of the starter maps to a sensible status and a problem body. */
class LlmProblemsTests {

	@Test
	void rateLimitIsTooManyRequestsWithTheWaitInWholeSeconds() {
		LlmException failure = new LlmRateLimitException("HTTP 429 Too Many Requests from openai: slow down",
				details(429).retryAfter(Duration.ofMillis(1500)).errorType("rate_limit_exceeded").build(), null);
		ProblemDetail problem = LlmProblems.problemOf(failure);
		assertThat(problem.getStatus()).isEqualTo(429);
		assertThat(problem.getTitle()).isEqualTo("Rate limited by the model provider");
		assertThat(problem.getDetail()).isEqualTo("HTTP 429 Too Many Requests from openai: slow down");
		assertThat(problem.getProperties()).containsEntry("retryAfterSeconds", 2L)
			.containsEntry("upstreamStatus", 429)
			.containsEntry("errorType", "rate_limit_exceeded")
			.containsEntry("provider", "openai")
			.containsEntry("requestId", "req_1")
			.containsEntry("clientRequestId", "client-1");
	}

	@Test
	void timeoutIsGatewayTimeoutNamingThePhase() {
		LlmException failure = new LlmTimeoutException("The openai response took longer than 3000ms (llm.timeout)",
				LlmTimeoutException.Phase.RESPONSE, details(0).build(), null);
		ProblemDetail problem = LlmProblems.problemOf(failure);
		assertThat(problem.getStatus()).isEqualTo(504);
		assertThat(problem.getProperties()).containsEntry("timeout", "RESPONSE").doesNotContainKey("upstreamStatus");
	}

	@Test
	void rejectedRequestIsBadRequest() {
		assertThat(LlmProblems.statusOf(new LlmBadRequestException("unknown model", details(404).build(), null)))
			.isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void requestRefusedBeforeSendingIsBadRequestTitledSo() {
		ProblemDetail problem = LlmProblems.problemOf(new LlmBadRequestException("Anthropic has no embeddings API",
				ErrorDetails.builder("anthropic").build(), null));
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getTitle()).isEqualTo("The request was refused before it was sent");
		assertThat(problem.getDetail()).isEqualTo("Anthropic has no embeddings API");
		assertThat(problem.getProperties()).doesNotContainKey("upstreamStatus");
	}

	@Test
	void upstreamFailuresAreBadGateway() {
		assertThat(LlmProblems.statusOf(new LlmServerException("503", details(503).build(), null)))
			.isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(LlmProblems.statusOf(new LlmTransportException("reset", details(0).build(), null)))
			.isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(LlmProblems.statusOf(new LlmProtocolException("no end marker", details(200).build(), null)))
			.isEqualTo(HttpStatus.BAD_GATEWAY);
		LlmException rejectedKey = new LlmAuthenticationException("401", details(401).build(), null);
		assertThat(LlmProblems.statusOf(rejectedKey)).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(LlmProblems.problemOf(rejectedKey).getTitle())
			.isEqualTo("The model provider rejected this application's credentials");
	}

	@Test
	void failureOfTheClientItselfIsServiceUnavailable() {
		LlmException queueFull = new LlmException("Too many requests waiting", details(0).build(), null);
		assertThat(LlmProblems.statusOf(queueFull)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void anAnswerThatIsNotTheTypeAskedForIsBadGateway() {
		ChatResponse answer = new ChatResponse("id", "demo-echo", "Sorry, no JSON today", "stop", null);
		LlmException failure = catchThrowableOfType(LlmException.class, () -> answer.contentAs(Contact.class));
		assertThat(LlmProblems.isUnreadableAnswer(failure)).isTrue();
		ProblemDetail problem = LlmProblems.problemOf(failure);
		assertThat(problem.getStatus()).isEqualTo(502);
		assertThat(problem.getTitle()).isEqualTo("The model's answer was not of the type asked for");
		assertThat(problem.getDetail()).contains(Contact.class.getName()).contains("Sorry, no JSON today");
	}

	@Test
	void anAnswerCutOffAtTheTokenLimitIsBadGatewayWithItsOwnTitle() {
		ChatResponse answer = new ChatResponse("id", "demo-echo", "{\"name\":\"Ada Lov", "length", null);
		LlmException failure = catchThrowableOfType(LlmException.class, () -> answer.contentAs(Contact.class));
		assertThat(LlmProblems.isCutOffAnswer(failure)).isTrue();
		assertThat(LlmProblems.isUnreadableAnswer(failure)).isTrue();
		ProblemDetail problem = LlmProblems.problemOf(failure);
		assertThat(problem.getStatus()).isEqualTo(502);
		assertThat(problem.getTitle()).isEqualTo("The model's answer was cut off at the token limit");
		assertThat(problem.getDetail()).contains("token limit").contains(Contact.class.getName()).contains("Ada Lov");
		assertThat(problem.getProperties()).containsEntry("errorType", "output_truncated");
	}

	@Test
	void aMalformedAnswerThatStoppedNormallyKeepsItsTitle() {
		ChatResponse answer = new ChatResponse("id", "demo-echo", "{\"name\":\"Ada Lov", "stop", null);
		LlmException failure = catchThrowableOfType(LlmException.class, () -> answer.contentAs(Contact.class));
		assertThat(LlmProblems.isCutOffAnswer(failure)).isFalse();
		assertThat(LlmProblems.problemOf(failure).getTitle()).isEqualTo("The model's answer was not of the type asked for");
	}

	@Test
	void internalErrorRevealsNothing() {
		ProblemDetail problem = LlmProblems.internalError();
		assertThat(problem.getStatus()).isEqualTo(500);
		assertThat(problem.getProperties()).isNullOrEmpty();
	}

	private static ErrorDetails.Builder details(int status) {
		return ErrorDetails.builder("openai").statusCode(status).requestId("req_1").clientRequestId("client-1");
	}

}
