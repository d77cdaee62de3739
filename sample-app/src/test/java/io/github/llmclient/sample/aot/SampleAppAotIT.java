package io.github.llmclient.sample.aot;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.autoconfigure.LlmConfigurationException;
import io.github.llmclient.sample.SampleApiChecks;
import io.github.llmclient.sample.SampleApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The sample application as {@code spring-boot:process-aot} left it in the build, started with
 * {@code -Dspring.aot.enabled=true} (set by failsafe for this JVM): the bean definitions come from
 * the generated code, not from scanning and conditions. Then the things a user does through the
 * starter, against the offline demo model over real HTTP.
 */
class SampleAppAotIT {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	private static ConfigurableApplicationContext context;

	private final WebTestClient client = WebTestClient.bindToServer()
		.baseUrl("http://localhost:" + PORT)
		.responseTimeout(Duration.ofSeconds(20))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void startProcessedApplication() {
		assertThat(AotDetector.useGeneratedArtifacts()).as("run with -Dspring.aot.enabled=true").isTrue();
		context = application().run("--server.port=" + PORT);
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void startedFromTheGeneratedCode() {
		// processed: no annotation-driven context, and the starter's template is there
		assertThat(context).isNotInstanceOf(AnnotationConfigApplicationContext.class);
		assertThat(context.getBean(LlmTemplate.class).config().baseUrl().toString())
			.isEqualTo("http://localhost:" + PORT + "/demo/v1");
	}

	@Test
	void chats() {
		SampleApiChecks.chatsAboutReactiveStreams(this.client).jsonPath("$.usage.totalTokens").isEqualTo(35);
	}

	@Test
	void streams() {
		List<ServerSentEvent<String>> events = this.client.get()
			.uri("/api/chat/stream?q={q}", "Stream please")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus().isOk()
			.returnResult(EVENT)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(events).isNotNull().hasSizeGreaterThan(2);
		assertThat(events.get(events.size() - 1).event()).isEqualTo("done");
		String text = String.join("", events.stream()
			.filter((event) -> "chunk".equals(event.event()))
			.map((event) -> this.json.readTree(event.data()).path("text").asString())
			.toList());
		assertThat(text).startsWith("You asked: \"Stream please\"");
	}

	@Test
	void runsAToolLoop() {
		SampleApiChecks.assertTokyoClockAnswer(post("/api/tools/ask", Map.of("prompt", "What time is it in Tokyo?")));
	}

	@Test
	void readsATypedAnswer() {
		SampleApiChecks.extractsTheContact(this.client);
	}

	@Test
	void embeds() {
		SampleApiChecks.ranksTheCatSentenceFirst(this.client);
	}

	@Test
	void aClientTheBuildDidNotKnowFailsAtStartupNamingIt() {
		Throwable failure = catchThrowable(() -> application()
			.run("--server.port=" + TestSocketUtils.findAvailableTcpPort(), "--llm.clients.claude.model=claude-haiku-4-5")
			.close());
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
			.isInstanceOfSatisfying(LlmConfigurationException.class,
					(ex) -> assertThat(ex.property()).isEqualTo("llm.clients.claude"));
	}

	/** The application as its main method starts it; under AOT, the main class names the generated initializer. */
	private static SpringApplication application() {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.setMainApplicationClass(SampleApplication.class);
		return application;
	}

	private JsonNode post(String uri, Map<String, Object> body) {
		return SampleApiChecks.post(this.client, uri, body);
	}

}
