package io.github.llmclient.provider.gemini;

import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.llmclient.provider.ProviderTestSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

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

	static ResponseDefinitionBuilder eventStream(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(bytes);
	}

	static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

}
