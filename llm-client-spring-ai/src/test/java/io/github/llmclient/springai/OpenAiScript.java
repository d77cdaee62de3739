package io.github.llmclient.springai;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

/** The OpenAI chat completions answers the scripted server gives, as the wire shows them. */
final class OpenAiScript {

	static final String CHAT = "/v1/chat/completions";

	static final String EMBEDDINGS = "/v1/embeddings";

	static final String API_KEY = "sk-test-0123456789";

	private OpenAiScript() {
	}

	static ResponseDefinitionBuilder text(String content) {
		return okJson("""
				{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini-2024-07-18",
				 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
				 "usage":{"prompt_tokens":21,"completion_tokens":7,"total_tokens":28,
				  "prompt_tokens_details":{"cached_tokens":16}}}
				""".formatted(quote(content)));
	}

	static ResponseDefinitionBuilder toolCall(String id, String name, String arguments) {
		return okJson("""
				{"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"gpt-4o-mini-2024-07-18",
				 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
				  {"id":"%s","type":"function","function":{"name":"%s","arguments":%s}}]},
				  "finish_reason":"tool_calls"}],
				 "usage":{"prompt_tokens":40,"completion_tokens":12,"total_tokens":52}}
				""".formatted(id, name, quote(arguments)));
	}

	static ResponseDefinitionBuilder textStream(String... deltas) {
		StringBuilder body = new StringBuilder();
		body.append(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
		for (String delta : deltas) {
			body.append(chunk("{\"content\":" + quote(delta) + "}", null));
		}
		body.append(chunk("{}", "stop"));
		body.append(usageChunk());
		body.append("data: [DONE]\n\n");
		return sse(body.toString());
	}

	/** A streamed tool call, its arguments in three fragments. */
	static ResponseDefinitionBuilder toolCallStream(String id, String name, String arguments) {
		int third = arguments.length() / 3;
		StringBuilder body = new StringBuilder();
		body.append(chunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"" + id
				+ "\",\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":\"\"}}]}", null));
		for (String part : new String[] { arguments.substring(0, third), arguments.substring(third, 2 * third),
				arguments.substring(2 * third) }) {
			body.append(chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + quote(part) + "}}]}",
					null));
		}
		body.append(chunk("{}", "tool_calls"));
		body.append(usageChunk());
		body.append("data: [DONE]\n\n");
		return sse(body.toString());
	}

	static ResponseDefinitionBuilder embeddings(float[]... vectors) {
		StringBuilder data = new StringBuilder();
		for (int i = 0; i < vectors.length; i++) {
			if (i > 0) {
				data.append(',');
			}
			data.append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[");
			for (int j = 0; j < vectors[i].length; j++) {
				data.append((j > 0) ? "," : "").append(vectors[i][j]);
			}
			data.append("]}");
		}
		return okJson("{\"object\":\"list\",\"data\":[" + data
				+ "],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}");
	}

	private static ResponseDefinitionBuilder sse(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
	}

	private static String chunk(String delta, String finishReason) {
		return "data: {\"id\":\"chatcmpl-3\",\"object\":\"chat.completion.chunk\",\"created\":1,"
				+ "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"delta\":" + delta
				+ ",\"finish_reason\":" + ((finishReason != null) ? "\"" + finishReason + "\"" : "null") + "}]}\n\n";
	}

	private static String usageChunk() {
		return "data: {\"id\":\"chatcmpl-3\",\"object\":\"chat.completion.chunk\",\"created\":1,"
				+ "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[],"
				+ "\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":9,\"total_tokens\":39}}\n\n";
	}

	static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

}
