package io.github.llmclient.provider.openai;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.provider.ErrorBodies;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.provider.json.JsonScanner;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Chat Completions wire format, shared by the OpenAI and Azure OpenAI adapters, which differ
 * only in URLs and headers: request bodies ({@link OpenAiRequestWriter}), responses and stream
 * chunks, model lists and errors.
 *
 * <p>
 * Responses and chunks are read straight from bytes into the few fields we use, skipping the rest:
 * a chunk is parsed once per token on the streaming hot path, where binding whole trees measured
 * markedly slower. {@link ChunkScanner} reads the usual ones (text, tool-call and reasoning deltas)
 * in one pass; anything it does not take on (malformed input, error objects, unusual JSON) goes to
 * Jackson's streaming parser ({@link JacksonChunkReader}).
 */
public final class OpenAiWireFormat {

	private final JsonMapper mapper;

	private final OpenAiRequestWriter writer;

	private final JacksonChunkReader jackson;

	/**
	 * Whether {@link ChunkScanner} may read first: only when the mapper's parser is no stricter than
	 * the scanner (its limits at least the scanner's own, no duplicate detection).
	 */
	private final boolean scannerAllowed;

	/** The longest input the scanner may read: no string in it can pass Jackson's string limit. */
	private final long scannerMaxLength;

	/**
	 * Creates the format.
	 * @param mapper the mapper for request bodies, responses and error bodies
	 */
	public OpenAiWireFormat(JsonMapper mapper) {
		this.mapper = mapper;
		this.writer = new OpenAiRequestWriter(mapper);
		this.jackson = new JacksonChunkReader(mapper);
		TokenStreamFactory factory = this.jackson.factory();
		this.scannerAllowed = JsonScanner.allowedFor(factory);
		this.scannerMaxLength = JsonScanner.maxLengthFor(factory);
	}

	/**
	 * Writes a request body.
	 * @param request the request, model resolved
	 * @param defaultMaxTokens the client's {@code llm.max-tokens}, or null
	 * @param includeModel whether the body names the model (Azure's deployment route does not)
	 * @param stream whether to ask for a stream
	 * @param streamUsage whether a stream asks for the usage chunk
	 * @return the JSON bytes
	 */
	public byte[] writeRequest(ChatRequest request, @Nullable Integer defaultMaxTokens, boolean includeModel,
			boolean stream, boolean streamUsage) {
		return this.writer.write(request, defaultMaxTokens, includeModel, stream, streamUsage);
	}

	/**
	 * Reads a {@code chat.completion} object: text, tool calls, reasoning, finish reason, usage.
	 * @param body the response body
	 * @return the response
	 * @throws IllegalStateException when the body holds an error or is not a chat completion
	 */
	public ChatResponse readResponse(byte[] body) {
		return parse(body, 0, body.length, false, null, null).toResponse();
	}

	/**
	 * Reads one {@code chat.completion.chunk}.
	 * @param data the event data
	 * @return its fields
	 */
	ParsedCompletion readChunk(byte[] data) {
		return readChunk(data, null, null);
	}

	/**
	 * Reads one {@code chat.completion.chunk} of a stream whose id and model are already known:
	 * when the chunk repeats them, the known strings are returned rather than new copies.
	 * @param data the event data
	 * @param knownId the id seen so far, or null
	 * @param knownModel the model seen so far, or null
	 * @return its fields
	 */
	ParsedCompletion readChunk(byte[] data, @Nullable String knownId, @Nullable String knownModel) {
		return parse(data, 0, data.length, true, knownId, knownModel);
	}

	/**
	 * Reads one {@code chat.completion.chunk} held in a range of a buffer.
	 * @param data the buffer
	 * @param offset where the event data starts
	 * @param length its length
	 * @param knownId the id seen so far, or null
	 * @param knownModel the model seen so far, or null
	 * @return its fields
	 */
	ParsedCompletion readChunk(byte[] data, int offset, int length, @Nullable String knownId,
			@Nullable String knownModel) {
		return parse(data, offset, length, true, knownId, knownModel);
	}

	/**
	 * Reads a model list ({@code {"data":[{"id":…}]}}).
	 * @param body the response body
	 * @return the model ids
	 */
	public List<String> readModels(byte[] body) {
		JsonNode data = this.mapper.readTree(body).path("data");
		if (!data.isArray()) {
			throw new IllegalStateException("the model list has no \"data\" array");
		}
		List<String> ids = new ArrayList<>(data.size());
		for (JsonNode model : data) {
			String id = model.path("id").asString(null);
			if (id != null) {
				ids.add(id);
			}
		}
		return ids;
	}

	/**
	 * Reads an error body.
	 * @param body the body
	 * @return what it says
	 */
	public ProviderError readError(byte[] body) {
		return ErrorBodies.read(this.mapper, body);
	}

	/**
	 * A mapper for the events of one new Chat Completions stream.
	 * @return a fresh mapper
	 */
	public StreamMapper streamMapper() {
		return new OpenAiStreamMapper(this);
	}

	private ParsedCompletion parse(byte[] bytes, int offset, int length, boolean delta, @Nullable String knownId,
			@Nullable String knownModel) {
		if (this.scannerAllowed && length <= this.scannerMaxLength) {
			ParsedCompletion scanned = ChunkScanner.read(bytes, offset, length, delta, knownId, knownModel);
			if (scanned != null) {
				return scanned;
			}
		}
		return this.jackson.read(bytes, offset, length, delta, knownId, knownModel);
	}

	/** The general path alone, for the tests that hold {@link ChunkScanner} to its answers. */
	ParsedCompletion parseWithJackson(byte[] bytes, int offset, int length, boolean delta, @Nullable String knownId,
			@Nullable String knownModel) {
		return this.jackson.read(bytes, offset, length, delta, knownId, knownModel);
	}

}
