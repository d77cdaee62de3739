package io.github.llmclient.sample.demo;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers a JSON Schema from a text: an object with every property of the schema, each filled by
 * what its name suggests ({@link DemoExtractors}), so that a {@code Contact(name, email, company)}
 * schema and "Ada Lovelace (ada@analytical.example) works at Analytical Engines" give
 * {@code {"name":"Ada Lovelace","email":"ada@analytical.example","company":"Analytical Engines"}}.
 *
 * <p>
 * Reads {@code type} (also {@code ["string", "null"]}), {@code properties}, {@code required},
 * {@code items}, {@code enum}, {@code const}, {@code anyOf}/{@code oneOf} and local {@code $ref}s
 * ({@code #/$defs/…}). A value the text lacks is null when the schema allows null, left out when
 * the property is not required, and otherwise the type's empty value ({@code ""}, 0, false, []).
 */
final class DemoSchemaFiller {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final int MAX_DEPTH = 8;

	private final JsonNode root;

	private final String text;

	private DemoSchemaFiller(JsonNode root, String text) {
		this.root = root;
		this.text = text;
	}

	/**
	 * Fills a schema from a text.
	 * @param schema the JSON Schema, an object
	 * @param text what to read the values from
	 * @return the value, as JSON text
	 */
	static String fill(JsonNode schema, String text) {
		return new DemoSchemaFiller(schema, text).value(schema, "answer", 0).toString();
	}

	private JsonNode value(JsonNode schema, String property, int depth) {
		JsonNode resolved = resolve(schema, depth);
		if (resolved.has("const")) {
			return resolved.get("const");
		}
		if (resolved.has("enum")) {
			return choice(resolved.get("enum"));
		}
		Set<String> types = types(resolved);
		String type = types.stream().filter((candidate) -> !candidate.equals("null")).findFirst()
			.orElse(resolved.has("properties") ? "object" : "string");
		boolean nullable = types.contains("null") || allowsNull(schema);
		JsonNode value = switch (type) {
			case "object" -> object(resolved, depth);
			case "array" -> array(resolved, property, depth);
			case "integer", "number" -> number(type);
			case "boolean" -> NODES.booleanNode(DemoExtractors.mentions(property, this.text));
			default -> {
				String found = DemoExtractors.string(property, this.text);
				yield (found != null) ? NODES.stringNode(found) : null;
			}
		};
		if (value != null) {
			return value;
		}
		return nullable ? NODES.nullNode() : NODES.stringNode("");
	}

	private ObjectNode object(JsonNode schema, int depth) {
		ObjectNode object = NODES.objectNode();
		if (depth >= MAX_DEPTH) {
			return object;
		}
		Set<String> required = new HashSet<>();
		schema.path("required").forEach((name) -> required.add(name.asString()));
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			JsonNode value = value(property.getValue(), property.getKey(), depth + 1);
			boolean empty = value.isNull() || (value.isString() && value.asString().isEmpty());
			if (!empty || required.contains(property.getKey())) {
				object.set(property.getKey(), value);
			}
		}
		return object;
	}

	private ArrayNode array(JsonNode schema, String property, int depth) {
		ArrayNode array = NODES.arrayNode();
		JsonNode items = resolve(schema.path("items"), depth);
		if (types(items).contains("string") || items.isMissingNode()) {
			DemoExtractors.strings(property, this.text).forEach(array::add);
		}
		else if (types(items).contains("object") && depth < MAX_DEPTH) {
			array.add(object(items, depth + 1));
		}
		return array;
	}

	private @Nullable JsonNode number(String type) {
		String found = DemoExtractors.number(this.text);
		if (found == null) {
			return type.equals("integer") ? NODES.numberNode(0) : NODES.numberNode(0.0);
		}
		return type.equals("integer") ? NODES.numberNode(Long.parseLong(found.split("\\.")[0]))
				: NODES.numberNode(Double.parseDouble(found));
	}

	/** The first enum value the text mentions, else the first that is not null. */
	private JsonNode choice(JsonNode values) {
		String lower = this.text.toLowerCase(Locale.ROOT);
		JsonNode fallback = NODES.nullNode();
		for (JsonNode value : values) {
			if (value.isString() && lower.contains(value.asString().toLowerCase(Locale.ROOT))) {
				return value;
			}
			if (fallback.isNull() && !value.isNull()) {
				fallback = value;
			}
		}
		return fallback;
	}

	/** Follows a local $ref and picks the first non-null branch of anyOf/oneOf. */
	private JsonNode resolve(JsonNode schema, int depth) {
		JsonNode current = schema;
		for (int hops = 0; hops < MAX_DEPTH - depth + 1; hops++) {
			if (current.path("$ref").isString() && current.path("$ref").asString().startsWith("#")) {
				current = this.root.at(current.path("$ref").asString().substring(1));
				continue;
			}
			JsonNode branches = current.has("anyOf") ? current.get("anyOf") : current.get("oneOf");
			if (branches != null && branches.isArray() && !branches.isEmpty()) {
				JsonNode chosen = branches.get(0);
				for (JsonNode branch : branches) {
					if (!"null".equals(branch.path("type").asString(""))) {
						chosen = branch;
						break;
					}
				}
				current = chosen;
				continue;
			}
			return current;
		}
		return current;
	}

	private static boolean allowsNull(JsonNode schema) {
		JsonNode branches = schema.has("anyOf") ? schema.get("anyOf") : schema.path("oneOf");
		for (JsonNode branch : branches) {
			if (types(branch).contains("null")) {
				return true;
			}
		}
		return false;
	}

	private static Set<String> types(JsonNode schema) {
		Set<String> types = new HashSet<>();
		JsonNode type = schema.path("type");
		if (type.isString()) {
			types.add(type.asString());
		}
		type.forEach((each) -> types.add(each.asString("")));
		return types;
	}

}
