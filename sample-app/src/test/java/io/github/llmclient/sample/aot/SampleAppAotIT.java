package io.github.llmclient.sample.aot;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.autoconfigure.LlmConfigurationException;
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
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "What is a reactive stream?"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.content").value(String.class, (content) -> assertThat(content)
				.startsWith("You asked: \"What is a reactive stream?\""))
			.jsonPath("$.model").isEqualTo("demo-echo")
			.jsonPath("$.usage.totalTokens").isEqualTo(35);
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
		JsonNode answer = post("/api/tools/ask", Map.of("prompt", "What time is it in Tokyo?"));
		assertThat(answer.path("turns").asInt()).isEqualTo(2);
		assertThat(answer.path("toolCalls").path(0).path("name").asString()).isEqualTo("clock");
		assertThat(answer.path("answer").asString()).startsWith("The clock tool answered: timeZone: Asia/Tokyo");
	}

	@Test
	void readsATypedAnswer() {
		JsonNode contact = post("/api/extract",
				Map.of("text", "Ada Lovelace (ada@analytical.example) works at Analytical Engines."));
		assertThat(contact.path("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(contact.path("email").asString()).isEqualTo("ada@analytical.example");
		assertThat(contact.path("company").asString()).isEqualTo("Analytical Engines");
	}

	@Test
	void embeds() {
		JsonNode answer = post("/api/similar", Map.of("query", "Where does the cat sleep?"));
		assertThat(answer.path("matches").path(0).path("sentence").asString())
			.isEqualTo("The cat sleeps on the warm windowsill all afternoon.");
		assertThat(answer.path("dimensions").asInt()).isEqualTo(256);
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
		byte[] answer = this.client.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(answer).isNotNull();
		return this.json.readTree(answer);
	}

}
