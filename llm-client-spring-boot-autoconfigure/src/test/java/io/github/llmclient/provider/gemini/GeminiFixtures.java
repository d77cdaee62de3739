package io.github.llmclient.provider.gemini;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.provider.ProviderTestSupport;
import io.github.llmclient.provider.StreamEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/** The recorded Gemini fixtures (see {@code fixtures/gemini/SOURCES.md}) and how to serve them. */
final class GeminiFixtures {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private GeminiFixtures() {
	}

	static String fixture(String name) {
		return ProviderTestSupport.fixture("gemini/" + name);
	}

	static JsonNode json(String name) {
		return MAPPER.readTree(fixture(name));
	}

	/**
	 * A recorded stream: the fixture holds one response per line, as the SDKs log them; the API
	 * frames each as {@code data: …} followed by a blank line, with CRLF line ends.
	 */
	static String sse(String name) {
		StringBuilder sse = new StringBuilder();
		for (String line : fixture(name).split("\n")) {
			if (!line.isBlank()) {
				sse.append("data: ").append(line.strip()).append("\r\n\r\n");
			}
		}
		return sse.toString();
	}

	/** The first lines of a recorded stream, framed. */
	static String sseLines(String name, int lines) {
		String[] all = sse(name).split("(?<=\r\n\r\n)");
		return String.join("", java.util.Arrays.copyOf(all, lines));
	}

	/** The JSON of each event of a recorded stream, one per non-blank line. */
	static List<String> events(String name) {
		List<String> events = new ArrayList<>();
		for (String line : fixture(name).split("\n")) {
			if (!line.isBlank()) {
				events.add(line.strip());
			}
		}
		return events;
	}

	/**
	 * A mapped event as text, for comparing two reading paths: made-up call ids (random) checked
	 * for their format and left out.
	 */
	static String describe(StreamEvent event) {
		if (!(event instanceof StreamEvent.Chunk chunk)) {
			return event.toString();
		}
		ChatChunk c = chunk.chunk();
		List<String> calls = new ArrayList<>();
		for (ToolCallDelta call : c.toolCalls()) {
			boolean madeUp = GeminiCallIds.isMadeUp(call.id());
			if (madeUp) {
				assertThat(call.id()).matches("gemini-call-[0-9a-f]{18}");
			}
			calls.add(call.index() + " " + (madeUp ? "made-up" : call.id()) + " " + call.name() + " "
					+ call.argumentsDelta());
		}
		return String.join("|", c.content(), String.valueOf(c.finishReason()), String.valueOf(c.usage()),
				String.valueOf(c.id()), String.valueOf(c.model()), calls.toString(), c.reasoning(),
				String.valueOf(c.replay()));
	}

	static ResponseDefinitionBuilder eventStream(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(bytes);
	}

	static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

}
