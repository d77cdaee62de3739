package io.github.llmclient.schema;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonSchemasTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void describesARecordWithNestedTypesListsEnumsAndOptionalComponents() {
		JsonNode schema = schema(Order.class, false);
		assertThat(schema.path("type").asString()).isEqualTo("object");
		assertThat(schema.has("$schema")).isFalse();
		JsonNode properties = schema.path("properties");
		assertThat(properties.path("id").path("type").asString()).isEqualTo("string");
		assertThat(properties.path("quantity").path("type").asString()).isEqualTo("integer");
		assertThat(properties.path("status").path("enum")).extracting(JsonNode::asString)
			.containsExactly("OPEN", "SHIPPED");
		assertThat(properties.path("lines").path("type").asString()).isEqualTo("array");
		JsonNode line = resolve(schema, properties.path("lines").path("items"));
		assertThat(line.path("properties").path("sku").path("type").asString()).isEqualTo("string");
		assertThat(properties.path("customer_name").path("description").asString()).isEqualTo("Who ordered");
		assertThat(names(schema.path("required"))).containsExactlyInAnyOrder("id", "quantity", "status", "lines",
				"customer_name");
		assertThat(properties.path("note").path("type").asString()).isEqualTo("string");
		assertThat(properties.path("coupon").toString()).contains("\"string\"");
		assertThat(properties.propertyNames()).containsExactly("id", "quantity", "status", "lines", "customer_name",
				"note", "coupon");
	}

	@Test
	void strictSchemaRequiresEveryPropertyForbidsOthersAndAllowsNullForOptionalOnes() {
		JsonNode schema = schema(Order.class, true);
		assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
		assertThat(names(schema.path("required"))).containsExactlyInAnyOrder("id", "quantity", "status", "lines",
				"customer_name", "note", "coupon");
		assertThat(names(schema.path("properties").path("note").path("type"))).containsExactlyInAnyOrder("string",
				"null");
		assertThat(names(schema.path("properties").path("coupon").path("type"))).containsExactlyInAnyOrder("string",
				"null");
		JsonNode line = resolve(schema, schema.path("properties").path("lines").path("items"));
		assertThat(line.path("additionalProperties").asBoolean(true)).isFalse();
		assertThat(names(line.path("required"))).containsExactlyInAnyOrder("sku", "count");
	}

	@Test
	void strictSchemaKeepsOnlyTheFormatsOpenAiAcceptsAndDescribesOptionalNumbersAsNumbers() {
		JsonNode schema = schema(Link.class, true);
		JsonNode properties = schema.path("properties");
		// OpenAI's structured outputs refuse a strict schema with a format such as "uri"
		assertThat(properties.path("target").has("format")).isFalse();
		assertThat(properties.path("target").path("type").asString()).isEqualTo("string");
		assertThat(properties.path("checked").path("format").asString()).isEqualTo("date-time");
		assertThat(properties.path("id").path("format").asString()).isEqualTo("uuid");
		// a property named "format" is a schema, not the keyword
		assertThat(properties.path("format").path("type").asString()).isEqualTo("string");
		assertThat(names(properties.path("hits").path("type"))).containsExactlyInAnyOrder("integer", "null");
		assertThat(names(properties.path("score").path("type"))).containsExactlyInAnyOrder("number", "null");
		assertThat(schema(Link.class, false).path("properties").path("hits").path("type").asString())
			.isEqualTo("integer");
	}

	@Test
	void describesABean() {
		JsonNode schema = schema(Bean.class, false);
		assertThat(schema.path("properties").path("city").path("type").asString()).isEqualTo("string");
	}

	@Test
	void refusesTypesThatAreNotObjects() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonSchemas.forType(String.class, false))
			.withMessageContaining("java.lang.String");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonSchemas.forType(int.class, true));
	}

	private static JsonNode schema(Class<?> type, boolean strict) {
		return mapper.readTree(JsonSchemas.forType(type, strict));
	}

	private static JsonNode resolve(JsonNode root, JsonNode node) {
		String ref = node.path("$ref").asString(null);
		return (ref != null) ? root.at(ref.substring(1)) : node;
	}

	private static List<String> names(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

	enum Status {

		OPEN, SHIPPED

	}

	record Line(String sku, int count) {
	}

	record Link(java.net.URI target, java.time.Instant checked, java.util.UUID id, String format,
			java.util.OptionalInt hits, java.util.OptionalDouble score) {
	}

	record Order(String id, int quantity, Status status, List<Line> lines,
			@JsonProperty("customer_name") @JsonPropertyDescription("Who ordered") String customerName,
			@Nullable String note, Optional<String> coupon) {
	}

	public static class Bean {

		private String city;

		public String getCity() {
			return this.city;
		}

		public void setCity(String city) {
			this.city = city;
		}

	}

}
