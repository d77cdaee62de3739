package io.github.llmclient.provider.anthropic;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.ReplayData;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answer's {@code thinking} blocks (with their {@code signature}) and {@code redacted_thinking}
 * blocks as {@link ReplayData} of format {@link ReplayData#ANTHROPIC}: a JSON array of the blocks
 * in Anthropic's own shape, in the order the answer gave them, e.g.
 * {@code [{"type":"thinking","thinking":"…","signature":"…"},{"type":"redacted_thinking","data":"…"}]}.
 * The response reader and the stream mapper build it the same way, so a streamed answer
 * aggregates to the same data as the non-streamed one; the request writer sends the blocks back
 * exactly as they came, which the API checks against their signatures.
 */
final class AnthropicReplay {

	private final List<Block> blocks = new ArrayList<>(2);

	/** Adds a {@code thinking} block; its text and signature are appended as they stream. */
	Block thinking(int index, @Nullable String thinking, @Nullable String signature) {
		Block block = new Block(index, false);
		block.text.append((thinking != null) ? thinking : "");
		if (signature != null) {
			block.signature = new StringBuilder(signature);
		}
		this.blocks.add(block);
		return block;
	}

	/** Adds a {@code redacted_thinking} block with its encrypted {@code data}. */
	void redacted(int index, @Nullable String data) {
		Block block = new Block(index, true);
		block.text.append((data != null) ? data : "");
		this.blocks.add(block);
	}

	/** The open {@code thinking} block of a stream's content-block index, or null. */
	@Nullable Block thinkingAt(int index) {
		for (int i = this.blocks.size() - 1; i >= 0; i--) {
			Block block = this.blocks.get(i);
			if (block.index == index) {
				return block.redacted ? null : block;
			}
		}
		return null;
	}

	boolean isEmpty() {
		return this.blocks.isEmpty();
	}

	/**
	 * The blocks as replay data, written compactly with the bare token factory (a mapper set to
	 * indent must not change the stored text).
	 * @return the data, or null when the answer had no thinking
	 */
	@Nullable ReplayData toReplayData(JsonMapper mapper) {
		if (this.blocks.isEmpty()) {
			return null;
		}
		StringWriter out = new StringWriter(256);
		try (JsonGenerator generator = mapper.tokenStreamFactory().createGenerator(out)) {
			generator.writeStartArray();
			for (Block block : this.blocks) {
				generator.writeStartObject();
				if (block.redacted) {
					generator.writeStringProperty("type", "redacted_thinking");
					generator.writeStringProperty("data", block.text.toString());
				}
				else {
					generator.writeStringProperty("type", "thinking");
					generator.writeStringProperty("thinking", block.text.toString());
					if (block.signature != null) {
						generator.writeStringProperty("signature", block.signature.toString());
					}
				}
				generator.writeEndObject();
			}
			generator.writeEndArray();
		}
		return new ReplayData(ReplayData.ANTHROPIC, out.toString());
	}

	/**
	 * The blocks of Anthropic replay data, to send first in the assistant turn that carried them.
	 * @param mapper the mapper
	 * @param replay replay data of format {@link ReplayData#ANTHROPIC}
	 * @return the blocks, each a JSON object, as stored
	 * @throws IllegalArgumentException when the data is not a JSON array of objects (edited
	 * after it was stored)
	 */
	static List<JsonNode> blocks(JsonMapper mapper, ReplayData replay) {
		JsonNode array;
		try {
			array = mapper.readTree(replay.data());
		}
		catch (JacksonException ex) {
			throw invalid(ex);
		}
		if (array == null || !array.isArray()) {
			throw invalid(null);
		}
		List<JsonNode> blocks = new ArrayList<>(array.size());
		for (JsonNode block : array) {
			if (!block.isObject()) {
				throw invalid(null);
			}
			blocks.add(block);
		}
		return blocks;
	}

	private static IllegalArgumentException invalid(@Nullable Exception cause) {
		return new IllegalArgumentException("An assistant message's Anthropic replay data is not the JSON array of "
				+ "content blocks the client stored (was it edited?): replay the ChatResponse as it was read", cause);
	}

	/** One block being assembled: a thinking block's text and signature, or a redacted block's data. */
	static final class Block {

		final int index;

		final boolean redacted;

		final StringBuilder text = new StringBuilder();

		@Nullable StringBuilder signature;

		Block(int index, boolean redacted) {
			this.index = index;
			this.redacted = redacted;
		}

		void appendThinking(String delta) {
			this.text.append(delta);
		}

		void appendSignature(String delta) {
			this.signature = (this.signature != null) ? this.signature.append(delta) : new StringBuilder(delta);
		}

	}

}
