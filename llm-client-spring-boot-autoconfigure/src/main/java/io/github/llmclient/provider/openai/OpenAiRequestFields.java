package io.github.llmclient.provider.openai;

import java.util.List;
import java.util.function.BiConsumer;

import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolChoice;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the request bodies of OpenAI's two APIs (Chat Completions and Responses) write alike:
 * content parts, a function tool's fields, the tool choice, a JSON Schema response format's fields
 * and the schemas themselves. Where the two differ (the type names of parts, whether a function or
 * a format is nested in its own object), the caller says how.
 */
public final class OpenAiRequestFields {

	private OpenAiRequestFields() {
	}

	/**
	 * Writes content parts as an array of objects: text parts as {@code {type, text}}, images (by
	 * URL or as data URLs) by the given writer.
	 * @param generator the generator
	 * @param parts the parts
	 * @param textType the type of a text part: {@code text} or {@code input_text}
	 * @param image writes the fields of an image part, given its URL
	 * @param api the API's name, for the error on a part it cannot carry
	 * @throws IllegalArgumentException for a part the API has no form for
	 */
	public static void writeParts(JsonGenerator generator, List<ContentPart> parts, String textType,
			BiConsumer<JsonGenerator, String> image, String api) {
		generator.writeStartArray();
		for (ContentPart part : parts) {
			generator.writeStartObject();
			if (part instanceof ContentPart.Text text) {
				generator.writeStringProperty("type", textType);
				generator.writeStringProperty("text", text.text());
			}
			else if (part instanceof ContentPart.ImageUrl url) {
				image.accept(generator, url.url());
			}
			else if (part instanceof ContentPart.Image data) {
				image.accept(generator, data.dataUrl());
			}
			else {
				throw new IllegalArgumentException(api + " has no content part like " + part);
			}
			generator.writeEndObject();
		}
		generator.writeEndArray();
	}

	/**
	 * Writes a function tool's {@code name}, {@code description} (when it has one) and
	 * {@code parameters}.
	 * @param generator the generator, inside the function's object
	 * @param tool the tool
	 * @param mapper reads the parameters' schema
	 */
	public static void writeFunction(JsonGenerator generator, Tool tool, JsonMapper mapper) {
		generator.writeStringProperty("name", tool.name());
		if (tool.description() != null) {
			generator.writeStringProperty("description", tool.description());
		}
		generator.writeName("parameters");
		writeSchema(generator, tool.parameters(), mapper);
	}

	/**
	 * Writes the tool choice: {@code auto}, {@code none}, {@code required}, or an object naming the
	 * function.
	 * @param generator the generator, at the value
	 * @param choice the choice
	 * @param nested whether the function's name is nested in a {@code function} object (Chat
	 * Completions) rather than flat (Responses)
	 */
	public static void writeToolChoice(JsonGenerator generator, ToolChoice choice, boolean nested) {
		switch (choice.mode()) {
			case AUTO -> generator.writeString("auto");
			case NONE -> generator.writeString("none");
			case REQUIRED -> generator.writeString("required");
			case FUNCTION -> {
				generator.writeStartObject();
				generator.writeStringProperty("type", "function");
				if (nested) {
					generator.writeName("function");
					generator.writeStartObject();
				}
				generator.writeStringProperty("name", choice.name());
				if (nested) {
					generator.writeEndObject();
				}
				generator.writeEndObject();
			}
		}
	}

	/**
	 * Writes a JSON Schema response format's {@code name}, {@code schema} and {@code strict}.
	 * @param generator the generator, inside the format's schema object
	 * @param format the format
	 * @param mapper reads the schema
	 */
	public static void writeJsonSchema(JsonGenerator generator, ResponseFormat format, JsonMapper mapper) {
		generator.writeStringProperty("name", format.name());
		generator.writeName("schema");
		writeSchema(generator, format.schema(), mapper);
		generator.writeBooleanProperty("strict", format.strict());
	}

	/**
	 * Writes a JSON Schema as the JSON object its text holds (never as a string): parsed and
	 * written compactly, so that a schema kept as indented text costs no whitespace on the wire.
	 * @param generator the generator, at the value
	 * @param schema the schema's text
	 * @param mapper reads it
	 */
	public static void writeSchema(JsonGenerator generator, @Nullable String schema, JsonMapper mapper) {
		generator.writeTree(mapper.readTree(schema));
	}

}
