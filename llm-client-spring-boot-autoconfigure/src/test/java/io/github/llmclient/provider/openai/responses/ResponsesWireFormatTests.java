package io.github.llmclient.provider.openai.responses;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ReasoningEffort;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The Responses API's request writer and stream mapper on their own: the choices the README documents. */
class ResponsesWireFormatTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ResponsesRequestWriter writer = new ResponsesRequestWriter(this.mapper);

	private JsonNode write(ChatRequest request, boolean store) {
		return this.mapper.readTree(this.writer.write(request, null, store, false));
	}

	@Test
	void budgetsMapToEfforts() {
		assertThat(ResponsesRequestWriter.effort(Reasoning.budgetTokens(1))).isEqualTo("low");
		assertThat(ResponsesRequestWriter.effort(Reasoning.budgetTokens(4095))).isEqualTo("low");
		assertThat(ResponsesRequestWriter.effort(Reasoning.budgetTokens(4096))).isEqualTo("medium");
		assertThat(ResponsesRequestWriter.effort(Reasoning.budgetTokens(16383))).isEqualTo("medium");
		assertThat(ResponsesRequestWriter.effort(Reasoning.budgetTokens(16384))).isEqualTo("high");
		assertThat(ResponsesRequestWriter.effort(Reasoning.effort(ReasoningEffort.MEDIUM))).isEqualTo("medium");
	}

	@Test
	void systemMessagesBecomeInstructionsAndNothingIsSentUnasked() {
		JsonNode body = write(ChatRequest.builder().model("gpt-5").system("Be brief.").user("Hi").system("In French.")
			.build(), true);
		assertThat(body.path("instructions").asString()).isEqualTo("Be brief.\n\nIn French.");
		assertThat(body.path("input")).hasSize(1);
		assertThat(body.path("store").asBoolean(false)).isTrue();
		assertThat(body.has("include")).as("stored responses need no encrypted reasoning").isFalse();
		assertThat(body.has("reasoning")).isFalse();
		assertThat(body.has("max_output_tokens")).isFalse();
		assertThat(body.has("stream")).isFalse();
	}

	@Test
	void extraBodyReplacesFieldsInPlaceAndAddsOthers() {
		JsonNode body = write(ChatRequest.builder().model("gpt-5").user("Hi").extraBody("store", true)
			.extraBody("service_tier", "flex").build(), false);
		assertThat(body.path("store").asBoolean(false)).isTrue();
		assertThat(body.path("service_tier").asString()).isEqualTo("flex");
		assertThat(body.path("include").get(0).asString()).isEqualTo("reasoning.encrypted_content");
	}

	@Test
	void stopIsRefusedNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> write(ChatRequest.builder().user("Hi").stop(List.of("END")).build(), false))
			.withMessageContaining("stop")
			.withMessageContaining("llm.openai.api");
	}

	@Test
	void summaryPartsAreSeparatedAsWhenReadWholeAndUntypedEventsAreReadByTheirType() {
		StreamMapper mapper = new ResponsesStreamMapper(new ResponsesEventReader(this.mapper),
				new ResponsesResponseReader(this.mapper));
		List<String> reasoning = new ArrayList<>();
		String[] events = {
				"{\"type\":\"response.reasoning_summary_text.delta\",\"sequence_number\":1,\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"delta\":\"First\"}",
				"{\"type\":\"response.reasoning_summary_text.delta\",\"sequence_number\":2,\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"delta\":\" part.\"}",
				"{\"type\":\"response.reasoning_summary_text.delta\",\"sequence_number\":3,\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":1,\"delta\":\"Second.\"}" };
		for (String event : events) {
			// no event: line, as a gateway may send them: the JSON's type decides
			StreamEvent mapped = mapper.map(new SseEvent(SseEvent.DEFAULT_EVENT, event.getBytes(StandardCharsets.UTF_8),
					null));
			reasoning.add(((StreamEvent.Chunk) mapped).chunk().reasoning());
		}
		assertThat(String.join("", reasoning)).isEqualTo("First part.\n\nSecond.");
		StreamEvent done = mapper.map(new SseEvent("response.completed", ("{\"type\":\"response.completed\","
				+ "\"response\":{\"id\":\"r\",\"model\":\"m\",\"status\":\"completed\",\"output\":[{\"type\":\"reasoning\","
				+ "\"id\":\"rs_1\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"First part.\"},{\"type\":"
				+ "\"summary_text\",\"text\":\"Second.\"}]}]}}").getBytes(StandardCharsets.UTF_8), null));
		ChatChunk last = ((StreamEvent.Last) done).chunk();
		assertThat(last.finishReason()).isEqualTo("stop");
		assertThat(last.replay()).isNotNull();
		assertThat(new ResponsesResponseReader(this.mapper).read(this.mapper.readTree(
				"{\"status\":\"completed\",\"output\":[{\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\","
						+ "\"text\":\"First part.\"},{\"type\":\"summary_text\",\"text\":\"Second.\"}]}]}"), null)
			.reasoning()).isEqualTo("First part.\n\nSecond.");
	}

	@Test
	void malformedDeltaIsAnErrorAndEscapesAreDecoded() {
		StreamMapper mapper = new ResponsesStreamMapper(new ResponsesEventReader(this.mapper),
				new ResponsesResponseReader(this.mapper));
		byte[] escaped = "{\"type\":\"response.output_text.delta\",\"delta\":\"a\\\"b\\n\\u00e9\"}"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(((StreamEvent.Chunk) mapper.map("response.output_text.delta", escaped, 0, escaped.length, null))
			.chunk().content()).isEqualTo("a\"b\né");
		byte[] malformed = "{\"type\":\"response.output_text.delta\",\"delta\":\"cut".getBytes(StandardCharsets.UTF_8);
		org.assertj.core.api.Assertions.assertThatRuntimeException()
			.isThrownBy(() -> mapper.map("response.output_text.delta", malformed, 0, malformed.length, null));
	}

}
