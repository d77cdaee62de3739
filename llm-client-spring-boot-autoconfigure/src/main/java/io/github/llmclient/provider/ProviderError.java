package io.github.llmclient.provider;

import org.jspecify.annotations.Nullable;

/**
 * What a provider said about a failure, in its error body or in-stream error event.
 *
 * @param message the provider's message, or null when it gave none
 * @param type its {@code error.type}, or its {@code error.code} when there is no type, or null
 */
public record ProviderError(@Nullable String message, @Nullable String type) {

	/** No information. */
	public static final ProviderError NONE = new ProviderError(null, null);

}
