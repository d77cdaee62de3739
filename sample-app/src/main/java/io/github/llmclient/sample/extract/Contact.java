package io.github.llmclient.sample.extract;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/**
 * A contact, as the model extracts it. Its JSON Schema is generated from this record: in strict
 * mode every component is required, and the {@code @Nullable} ones may be {@code null}.
 *
 * @param name the person's full name
 * @param email their e-mail address, if the text gives one
 * @param company where they work, if the text says
 */
public record Contact(@JsonPropertyDescription("The person's full name") String name,
		@JsonPropertyDescription("Their e-mail address, or null") @Nullable String email,
		@JsonPropertyDescription("The company they work for, or null") @Nullable String company) {

}
