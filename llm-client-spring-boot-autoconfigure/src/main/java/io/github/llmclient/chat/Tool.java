package io.github.llmclient.chat;

import java.util.Objects;
import java.util.regex.Pattern;

import io.github.llmclient.schema.JsonSchemas;
import org.jspecify.annotations.Nullable;

/**
 * A function the model may call. Its parameters are a JSON Schema, given as text or generated from
 * a Java type.
 *
 * <pre class="code">
 * record Weather(String city, Optional&lt;String&gt; unit) {}
 *
 * Tool weather = Tool.function("get_weather", "The current weather in a city", Weather.class);
 * </pre>
 *
 * @param name the function's name, {@code [a-zA-Z0-9_-]{1,64}}
 * @param description what it does, for the model (null for none)
 * @param parameters the JSON Schema of its arguments, a JSON object
 */
public record Tool(String name, @Nullable String description, String parameters) {

	private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

	public Tool {
		checkName(name);
		parameters = Json.requireObject(parameters, "The parameters schema of tool '" + name + "'");
	}

	/**
	 * A function whose parameters are the given JSON Schema.
	 * @param name the name, {@code [a-zA-Z0-9_-]{1,64}}
	 * @param description what it does, for the model
	 * @param parametersJsonSchema a JSON Schema object, e.g.
	 * {@code {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}
	 * @return the tool
	 * @throws IllegalArgumentException for a bad name or a schema that is not a JSON object
	 */
	public static Tool function(String name, @Nullable String description, String parametersJsonSchema) {
		return new Tool(name, description, parametersJsonSchema);
	}

	/**
	 * A function whose parameters are generated from a Java type: a record's components or a
	 * bean's properties, nested types, lists, enums; {@code @Nullable} and {@code Optional}
	 * components are not required. Read the arguments back with {@link ToolCall#argumentsAs}.
	 * @param name the name, {@code [a-zA-Z0-9_-]{1,64}}
	 * @param description what it does, for the model
	 * @param parametersType the arguments' type
	 * @return the tool
	 * @throws IllegalArgumentException for a bad name or a type that is not an object
	 */
	public static Tool function(String name, @Nullable String description, Class<?> parametersType) {
		checkName(name);
		return new Tool(name, description, JsonSchemas.forType(parametersType, false));
	}

	static void checkName(String name) {
		Objects.requireNonNull(name, "name must not be null");
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("A tool name is 1 to 64 letters, digits, '_' or '-', was '"
					+ ((name.length() > 70) ? name.substring(0, 70) + "…" : name) + "'");
		}
	}

}
