package io.github.llmclient.sample;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls of the sample app's HTTP API and the checks of their answers that hold whatever provider
 * or build the app runs on (OpenAI's Chat Completions or Responses API, Gemini, Bedrock, AOT), shared
 * by the integration tests that run it so.
 */
public final class SampleApiChecks {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SampleApiChecks() {
	}

	/**
	 * Posts a JSON body and reads the answer, which must be a 200.
	 * @param client a client of the running app
	 * @param uri the endpoint
	 * @param body the request body
	 * @return the answer's JSON
	 */
	public static JsonNode post(WebTestClient client, String uri, Map<String, ?> body) {
		byte[] answer = client.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(answer).isNotNull();
		return JSON.readTree(answer);
	}

	/**
	 * Asks {@code POST /api/chat} what a reactive stream is: the demo model echoes the question
	 * with the default model.
	 * @param client a client of the running app
	 * @return the answer's body, for further checks
	 */
	public static WebTestClient.BodyContentSpec chatsAboutReactiveStreams(WebTestClient client) {
		return client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "What is a reactive stream?"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.content").value(String.class, (content) -> assertThat(content)
				.startsWith("You asked: \"What is a reactive stream?\". I am the offline demo model"))
			.jsonPath("$.model").isEqualTo("demo-echo");
	}

	/**
	 * Checks the answer of the tool loop ({@code POST /api/tools/ask}) to "What time is it in
	 * Tokyo?": two turns, one call of the clock tool, and an answer quoting the tool's result.
	 * @param answer the loop's answer
	 */
	public static void assertTokyoClockAnswer(JsonNode answer) {
		assertThat(answer.path("turns").asInt()).isEqualTo(2);
		assertThat(answer.path("toolCalls").path(0).path("name").asString()).isEqualTo("clock");
		assertThat(answer.path("answer").asString()).startsWith("The clock tool answered: timeZone: Asia/Tokyo");
	}

	/**
	 * Extracts a contact as a typed answer ({@code POST /api/extract}) and checks every field.
	 * @param client a client of the running app
	 */
	public static void extractsTheContact(WebTestClient client) {
		JsonNode contact = post(client, "/api/extract",
				Map.of("text", "Ada Lovelace (ada@analytical.example) works at Analytical Engines."));
		assertThat(contact.path("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(contact.path("email").asString()).isEqualTo("ada@analytical.example");
		assertThat(contact.path("company").asString()).isEqualTo("Analytical Engines");
	}

	/**
	 * Sends a prompt whose failure keyword ({@code #fail-once}, {@code #limit-once}) fails the first
	 * attempt, and checks that the retry answered it.
	 * @param client a client of the running app
	 * @param prompt the prompt with its keyword
	 */
	public static void answersOnTheSecondAttempt(WebTestClient client, String prompt) {
		JsonNode answer = post(client, "/api/chat", Map.of("prompt", prompt));
		assertThat(answer.path("content").asString()).contains("attempt 2");
	}

	/**
	 * Ranks the default sentences by similarity ({@code POST /api/similar}) to a question about
	 * the cat: the demo model's 256-dimension vectors put the cat's sentence first.
	 * @param client a client of the running app
	 */
	public static void ranksTheCatSentenceFirst(WebTestClient client) {
		JsonNode answer = post(client, "/api/similar", Map.of("query", "Where does the cat sleep?"));
		assertThat(answer.path("matches").path(0).path("sentence").asString())
			.isEqualTo("The cat sleeps on the warm windowsill all afternoon.");
		assertThat(answer.path("dimensions").asInt()).isEqualTo(256);
	}

}
