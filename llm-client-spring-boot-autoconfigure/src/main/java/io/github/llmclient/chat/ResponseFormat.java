package io.github.llmclient.chat;

import java.util.Objects;
import java.util.regex.Pattern;

import io.github.llmclient.schema.JsonSchemas;
import org.jspecify.annotations.Nullable;

/**
 * The shape the answer must have: free text, any JSON object, or JSON matching a schema. On
 * Anthropic, which has no such setting, a JSON format is a forced tool whose input is the answer,
 * so {@link ChatResponse#contentAs} works the same on every provider.
 *
 * @param type the kind of format
 * @param name the schema's name, for {@link Type#JSON_SCHEMA} (null otherwise)
 * @param schema the JSON Schema text, for {@link Type#JSON_SCHEMA} (null otherwise)
 * @param strict whether the provider must follow the schema exactly (OpenAI's {@code strict})
 */
public record ResponseFormat(Type type, @Nullable String name, @Nullable String schema, boolean strict) {

	private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

	private static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, false);

	private static final ResponseFormat JSON_OBJECT = new ResponseFormat(Type.JSON_OBJECT, null, null, false);

	private static final ClassValue<ResponseFormat> BY_TYPE = new ClassValue<>() {
		@Override
		protected ResponseFormat computeValue(Class<?> type) {
			return new ResponseFormat(Type.JSON_SCHEMA, nameOf(type), JsonSchemas.forType(type, true), true);
		}
	};

	public ResponseFormat {
		Objects.requireNonNull(type, "type must not be null");
		if ((type == Type.JSON_SCHEMA) != (name != null && schema != null)) {
			throw new IllegalArgumentException("A name and a schema go with Type.JSON_SCHEMA, and only with it");
		}
		if (name != null && !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(
					"A response format's name is 1 to 64 letters, digits, '_' or '-', was '" + name + "'");
		}
		if (schema != null) {
			Json.requireObject(schema, "The schema of response format '" + name + "'");
		}
	}

	/**
	 * Free text (the default).
	 * @return the format
	 */
	public static ResponseFormat text() {
		return TEXT;
	}

	/**
	 * Any JSON object (OpenAI's JSON mode: the prompt should still say which).
	 * @return the format
	 */
	public static ResponseFormat jsonObject() {
		return JSON_OBJECT;
	}

	/**
	 * JSON matching the given schema, strictly (OpenAI's structured outputs: every property
	 * required and {@code additionalProperties: false} in the schema).
	 * @param name the schema's name, {@code [a-zA-Z0-9_-]{1,64}}
	 * @param schemaJson the JSON Schema, an object
	 * @return the format
	 */
	public static ResponseFormat jsonSchema(String name, String schemaJson) {
		return jsonSchema(name, schemaJson, true);
	}

	/**
	 * JSON matching the given schema.
	 * @param name the schema's name, {@code [a-zA-Z0-9_-]{1,64}}
	 * @param schemaJson the JSON Schema, an object
	 * @param strict whether the provider must follow it exactly
	 * @return the format
	 */
	public static ResponseFormat jsonSchema(String name, String schemaJson, boolean strict) {
		return new ResponseFormat(Type.JSON_SCHEMA, Objects.requireNonNull(name, "name must not be null"),
				Objects.requireNonNull(schemaJson, "schemaJson must not be null"), strict);
	}

	/**
	 * JSON of the given type, its strict schema generated (every property required, nullable ones
	 * as {@code [type, "null"]}, {@code additionalProperties: false}); named after the type.
	 * Generated once per type.
	 * @param type a record or bean
	 * @return the format
	 */
	public static ResponseFormat jsonSchema(Class<?> type) {
		return BY_TYPE.get(Objects.requireNonNull(type, "type must not be null"));
	}

	private static String nameOf(Class<?> type) {
		String name = type.getSimpleName().replaceAll("[^a-zA-Z0-9_-]", "_");
		if (name.isEmpty()) {
			name = "answer";
		}
		return (name.length() > 64) ? name.substring(0, 64) : name;
	}

	/** The kinds of format. */
	public enum Type {

		/** Free text. */
		TEXT,

		/** Any JSON object. */
		JSON_OBJECT,

		/** JSON matching a schema. */
		JSON_SCHEMA

	}

}
