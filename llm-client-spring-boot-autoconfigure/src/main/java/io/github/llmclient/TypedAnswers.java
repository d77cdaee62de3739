package io.github.llmclient;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmException;

/**
 * Typed answers of a template: the request asks for the type's JSON Schema (unless it sets its
 * own response format), and the answer is read as the type; an answer cut off at the token limit
 * fails naming the limit that applied, as the client resolved it.
 */
final class TypedAnswers {

	private final ClientConfig config;

	/** Whether the template is a group's, whose answering member resolved the limit. */
	private final boolean group;

	TypedAnswers(ClientConfig config, boolean group) {
		this.config = config;
		this.group = group;
	}

	/** The request asking for the type's strict JSON Schema, unless it sets its own response format. */
	static ChatRequest asking(ChatRequest request, Class<?> type) {
		return (request.responseFormat() != null) ? request
				: request.mutate().responseFormat(ResponseFormat.jsonSchema(type)).build();
	}

	/** The answer read as the type, or an {@link LlmException} saying why it is not one. */
	<T> T read(ChatResponse response, Class<T> type, ChatRequest request) {
		try {
			return response.contentAs(type);
		}
		catch (LlmException ex) {
			ErrorDetails details = ErrorDetails.builder(this.config.provider().propertyValue())
				.errorType(ex.errorType())
				.build();
			String message = LlmException.OUTPUT_TRUNCATED.equals(ex.errorType())
					? ex.getMessage() + " " + tokenLimitThatApplied(request) : ex.getMessage();
			throw new LlmException(message, details, ex.getCause());
		}
	}

	/** Names the token limit a cut-off answer ran into, as this client resolved it. */
	private String tokenLimitThatApplied(ChatRequest request) {
		if (request.maxTokens() != null) {
			return "The limit that applied: " + request.maxTokens() + " tokens, the request's maxTokens.";
		}
		if (this.group) {
			return "The limit that applied: the answering member's llm.clients.<name>.max-tokens.";
		}
		String property = ClientConfig.DEFAULT_NAME.equals(this.config.name()) ? "llm.max-tokens"
				: "llm.clients." + this.config.name() + ".max-tokens";
		if (this.config.maxTokens() == null) {
			return "No limit was sent (neither the request's maxTokens nor " + property
					+ " is set), so the provider's own output limit applied.";
		}
		return "The limit that applied: " + this.config.maxTokens() + " tokens, from " + property + ".";
	}

}
