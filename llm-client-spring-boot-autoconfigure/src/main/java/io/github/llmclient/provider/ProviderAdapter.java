package io.github.llmclient.provider;

import java.util.List;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;

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
	 * Reads an error body, leniently: any body, JSON or not, gives what it can.
	 * @param body the response body (may be empty)
	 * @return what the provider said
	 */
	ProviderError readError(byte[] body);

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

}
