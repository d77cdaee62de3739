package io.github.llmclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * OpenAI's published OpenAPI document ({@code fixtures/openai-openapi.yaml}, see
 * {@code fixtures/SOURCES.md}), loaded once, and JSON Schemas of its components to validate the
 * requests we send.
 */
final class OpenApiDocument {

	private static JsonNode openApi;

	private OpenApiDocument() {
	}

	/** The document as read. */
	static synchronized JsonNode openApi() {
		if (openApi == null) {
			String yaml;
			try (InputStream in = OpenApiDocument.class.getResourceAsStream("/fixtures/openai-openapi.yaml")) {
				yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			// One example is a keep-trailing block scalar holding only a whitespace line, which
			// SnakeYAML rejects; it is documentation, not schema: replace it with a plain string.
			yaml = yaml.replaceAll("example: \\|\\+\\n[ ]+\\n", "example: \"\\\\n\"\n");
			openApi = YAMLMapper.builder().build().readTree(yaml);
		}
		return openApi;
	}

	/**
	 * A JSON Schema validating against one component of the document.
	 * @param component e.g. {@code CreateChatCompletionRequest} or {@code CreateResponse}
	 */
	static Schema schema(String component) {
		return schema(component, false);
	}

	/**
	 * A JSON Schema validating against one component of the document.
	 * @param component e.g. {@code CreateResponse}
	 * @param discriminatorsAsAnyOf whether a {@code oneOf} with an OpenAPI {@code discriminator}
	 * is read as {@code anyOf}: the Responses API's {@code InputItem} lists both
	 * {@code EasyInputMessage} and {@code Item} (whose {@code InputMessage} has the same shape) under
	 * one {@code oneOf} discriminated by {@code type}, so that every message with content parts
	 * matches two alternatives and no such request could pass a strict {@code oneOf}
	 */
	static Schema schema(String component, boolean discriminatorsAsAnyOf) {
		ObjectNode document = (ObjectNode) openApi().deepCopy();
		if (discriminatorsAsAnyOf) {
			discriminatedOneOfAsAnyOf(document);
		}
		// OpenAPI 3.0-style "nullable" on schemas without "type" means nothing in 3.1 and makes
		// JSON Schema validators refuse the schema (see SOURCES.md): drop only those.
		removeTypelessNullable(document);
		document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		document.put("$ref", "#/components/schemas/" + component);
		return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(SchemaLocation.of("https://api.openai.com/openapi.json"), document);
	}

	private static void discriminatedOneOfAsAnyOf(JsonNode node) {
		if (node instanceof ObjectNode object) {
			if (object.has("oneOf") && object.has("discriminator")) {
				object.set("anyOf", object.remove("oneOf"));
			}
			for (Iterator<JsonNode> children = object.values().iterator(); children.hasNext();) {
				discriminatedOneOfAsAnyOf(children.next());
			}
		}
		else if (node.isArray()) {
			for (JsonNode child : node) {
				discriminatedOneOfAsAnyOf(child);
			}
		}
	}

	private static void removeTypelessNullable(JsonNode node) {
		if (node instanceof ObjectNode object) {
			if (object.has("nullable") && !object.has("type")) {
				object.remove("nullable");
			}
			for (Iterator<JsonNode> children = object.values().iterator(); children.hasNext();) {
				removeTypelessNullable(children.next());
			}
		}
		else if (node.isArray()) {
			for (JsonNode child : node) {
				removeTypelessNullable(child);
			}
		}
	}

}
