package io.github.llmclient.provider.aotfixture;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Stands for a new wire format's package-private DTO, added without touching the hints: the
 * convention alone must register it.
 */
record FixtureWireRecord(@JsonProperty("max_output_tokens") int maxOutputTokens, Nested nested) {

	record Nested(String value) {
	}

}
