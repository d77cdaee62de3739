package io.github.llmclient.provider;

import java.util.List;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmBadRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;

/**
 * One provider's wire format: its URLs, headers, request body, response, error body and stream
 * events. Adapters are immutable and thread-safe; the pipeline that sends, retries, limits and
 * measures is shared by all of them. Adding a provider means one new adapter and one enum value.
 */
public interface ProviderAdapter {

	/**
	 * The provider's property value, used in errors ({@code openai}, {@code anthropic},
	 * {@code azure-openai}).
	 * @return the id
	 */
	String id();

	/**
	 * The request for a chat completion.
	 * @param request the request, its model already resolved (never null)
	 * @param stream whether to ask for a stream of events
	 * @return what to send
	 */
	ProviderRequest chatRequest(ChatRequest request, boolean stream);

	/**
	 * The request that lists models.
	 * @return what to send
	 */
	ProviderRequest modelsRequest();

	/**
	 * Reads a successful non-streaming response.
	 * @param body the response body
	 * @return the response
	 * @throws RuntimeException when the body is not what the provider documents
	 */
	ChatResponse readResponse(byte[] body);

	/**
	 * Reads a successful non-streaming response to the given request (which may say, for
	 * example, that a tool's input is the answer: {@link ProviderRequest#answerTool()}).
	 * @param request the request that was sent
	 * @param body the response body
	 * @return the response
	 * @throws RuntimeException when the body is not what the provider documents
	 */
	default ChatResponse readResponse(ProviderRequest request, byte[] body) {
		return readResponse(body);
	}

	/**
	 * Reads a successful model listing.
	 * @param body the response body
	 * @return the model ids
	 */
	List<String> readModels(byte[] body);

	/**
	 * The request for the next page of a model listing, when the provider pages it.
	 * @param previous the request of the page just read
	 * @param body that page's body
	 * @return the next page's request, or null when that page was the last (the default)
	 */
	default @Nullable ProviderRequest nextModelsRequest(ProviderRequest previous, byte[] body) {
		return null;
	}

	/**
	 * Reads an error body, leniently: any body, JSON or not, gives what it can.
	 * @param body the response body (may be empty)
	 * @return what the provider said
	 */
	ProviderError readError(byte[] body);

	/**
	 * Reads an error response from its body and headers (Bedrock names the error in
	 * {@code x-amzn-ErrorType}). By default the body alone.
	 * @param body the response body (may be empty)
	 * @param headers the response headers
	 * @return what the provider said
	 */
	default ProviderError readError(byte[] body, HttpHeaders headers) {
		return readError(body);
	}

	/**
	 * How this provider frames stream events.
	 * @return {@link StreamFraming#SSE} by default
	 */
	default StreamFraming streamFraming() {
		return StreamFraming.SSE;
	}

	/**
	 * The most inputs one embeddings request of the given model may carry, whatever
	 * {@code llm.embedding-batch-size} says (Gemini: 100; Bedrock's Titan models: one).
	 * @param model the embedding model
	 * @return the limit; no limit of its own by default
	 */
	default int maxEmbeddingBatchSize(String model) {
		return Integer.MAX_VALUE;
	}

	/**
	 * A mapper for the events of one new stream.
	 * @return a fresh mapper
	 */
	StreamMapper streamMapper();

	/**
	 * A mapper for the events of one new stream of the given request.
	 * @param request the request that was sent
	 * @return a fresh mapper
	 */
	default StreamMapper streamMapper(ProviderRequest request) {
		return streamMapper();
	}

	/**
	 * The provider's batch-job API.
	 * @return the batch format
	 * @throws UnsupportedOperationException when the provider has none (the default), naming it
	 */
	default BatchFormat batchFormat() {
		throw new UnsupportedOperationException("The " + id() + " provider has no batch-job API here: batch jobs "
				+ "are supported on openai and anthropic clients");
	}

	/**
	 * Checks, before anything is sent, that the provider has an embeddings API. By default it has
	 * none; adapters that speak one override this and the two methods below.
	 * @throws io.github.llmclient.error.LlmException saying the provider has no embeddings API
	 */
	default void requireEmbeddings() {
		throw new LlmBadRequestException("The " + id() + " provider has no embeddings API: call embed on a client "
				+ "of a provider that has one (openai, azure-openai, gemini, vertex-ai or an OpenAI-compatible server)",
				ErrorDetails.builder(id()).build(), null);
	}

	/**
	 * The request for the embeddings of one batch of inputs.
	 * @param request the request, its model resolved (never null), holding at most
	 * {@code llm.embedding-batch-size} inputs
	 * @return what to send
	 * @throws io.github.llmclient.error.LlmException when the provider has no embeddings API
	 */
	default ProviderRequest embeddingsRequest(EmbeddingRequest request) {
		requireEmbeddings();
		throw new UnsupportedOperationException(id() + " adapter does not write embeddings requests");
	}

	/**
	 * Reads a successful embeddings response.
	 * @param body the response body
	 * @param inputs how many inputs the request held
	 * @return exactly one vector per input, in input order
	 * @throws RuntimeException when the body is not what the provider documents, or does not hold
	 * one vector per input
	 */
	default EmbeddingResponse readEmbeddings(byte[] body, int inputs) {
		requireEmbeddings();
		throw new UnsupportedOperationException(id() + " adapter does not read embeddings responses");
	}

	/**
	 * Reads a successful embeddings response from the body's buffers as they came off the network
	 * (joined, not copied): an adapter whose embeddings bodies are large reads them in place. By
	 * default the body is copied and read by {@link #readEmbeddings(byte[], int)}.
	 * @param body the response body, released by the caller after this returns
	 * @param inputs how many inputs the request held
	 * @return exactly one vector per input, in input order
	 * @throws RuntimeException when the body is not what the provider documents, or does not hold
	 * one vector per input
	 */
	default EmbeddingResponse readEmbeddings(DataBuffer body, int inputs) {
		byte[] bytes = new byte[body.readableByteCount()];
		body.read(bytes);
		return readEmbeddings(bytes, inputs);
	}

}
