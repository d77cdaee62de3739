package io.github.llmclient.schema;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MethodScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates JSON Schemas (draft 2020-12, without the {@code $schema} keyword) from Java types with
 * victools' {@code jsonschema-generator}: records and beans, nested types (repeated ones under
 * {@code $defs}), lists, enums as string enumerations, Jackson's {@code @JsonProperty} names and
 * {@code @JsonPropertyDescription}s. A component whose type is {@code Optional} or that carries an
 * annotation named {@code Nullable} (JSpecify, Jakarta, Spring…) may be null or absent.
 *
 * <ul>
 * <li>Lenient (tool parameters): optional components are not required.</li>
 * <li>Strict (OpenAI's structured outputs): every property is required, the optional ones as
 * {@code [type, "null"]}, and every object has {@code additionalProperties: false}.</li>
 * </ul>
 */
public final class JsonSchemas {

	/**
	 * The string formats OpenAI's structured outputs accept; it refuses a strict schema with any
	 * other (victools writes {@code uri} for {@code java.net.URI}, for example).
	 */
	private static final Set<String> STRICT_FORMATS = Set.of("date-time", "time", "date", "duration", "email",
			"hostname", "ipv4", "ipv6", "uuid");

	private static final SchemaGenerator LENIENT = generator(false);

	private static final SchemaGenerator STRICT = generator(true);

	private JsonSchemas() {
	}

	/**
	 * The JSON Schema of a type.
	 * @param type a record or bean (the schema's root must be an object)
	 * @param strict whether every property is required and no other is allowed
	 * @return the schema as JSON text
	 * @throws IllegalArgumentException when the type is not an object type (a string, a number, a
	 * list…)
	 */
	public static String forType(Class<?> type, boolean strict) {
		Objects.requireNonNull(type, "type must not be null");
		ObjectNode schema = (strict ? STRICT : LENIENT).generateSchema(type);
		JsonNode kind = schema.get("type");
		if (kind == null || !"object".equals(kind.asString(null))) {
			throw new IllegalArgumentException("A schema for tool arguments or a typed answer must describe an object"
					+ " (a record or a bean), but " + type.getName() + " is not one");
		}
		if (strict) {
			removeUnsupportedFormats(schema);
		}
		return schema.toString();
	}

	/**
	 * Removes the {@code format} keywords strict mode refuses, in every subschema. A property
	 * named {@code format} is a schema (an object), never the keyword's text, so it stays.
	 */
	private static void removeUnsupportedFormats(JsonNode node) {
		if (node instanceof ObjectNode object) {
			JsonNode format = object.get("format");
			if (format != null && format.isString() && !STRICT_FORMATS.contains(format.asString())) {
				object.remove("format");
			}
			for (Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator(); fields.hasNext();) {
				removeUnsupportedFormats(fields.next().getValue());
			}
		}
		else if (node != null && node.isArray()) {
			for (JsonNode element : node) {
				removeUnsupportedFormats(element);
			}
		}
	}

	private static SchemaGenerator generator(boolean strict) {
		SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
				OptionPreset.PLAIN_JSON)
			.with(new JacksonSchemaModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
					JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
			.with(Option.FLATTENED_ENUMS, Option.FLATTENED_OPTIONALS)
			.without(Option.SCHEMA_VERSION_INDICATOR);
		// Declaration order, not victools' alphabetical default: models fill properties in the
		// order given, and a record's order is usually the one its author meant.
		builder.forTypesInGeneral().withPropertySorter((first, second) -> 0);
		// OptionalInt and its kin hold a number (Jackson reads them from one), not an object.
		builder.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> {
			Class<?> erased = javaType.getErasedType();
			Class<?> value = (erased == OptionalInt.class) ? Integer.class : (erased == OptionalLong.class) ? Long.class
					: (erased == OptionalDouble.class) ? Double.class : null;
			return (value != null)
					? new CustomDefinition(context.createDefinition(context.getTypeContext().resolve(value))) : null;
		});
		if (strict) {
			builder.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
			builder.forFields().withRequiredCheck((field) -> true).withNullableCheck(JsonSchemas::isOptional);
			builder.forMethods().withRequiredCheck((method) -> true).withNullableCheck(JsonSchemas::isOptional);
		}
		else {
			builder.forFields().withRequiredCheck((field) -> !isOptional(field)).withNullableCheck((field) -> false);
			builder.forMethods().withRequiredCheck((method) -> !isOptional(method)).withNullableCheck((method) -> false);
		}
		return new SchemaGenerator(builder.build());
	}

	private static boolean isOptional(FieldScope field) {
		if (field.isFakeContainerItemScope()) {
			return false;
		}
		Class<?> type = field.getType().getErasedType();
		return isOptionalType(type) || hasNullable(field.getRawMember())
				|| hasNullable(field.getRawMember().getAnnotatedType());
	}

	private static boolean isOptional(MethodScope method) {
		if (method.isFakeContainerItemScope() || method.getType() == null) {
			return false;
		}
		Class<?> type = method.getType().getErasedType();
		return isOptionalType(type) || hasNullable(method.getRawMember())
				|| hasNullable(method.getRawMember().getAnnotatedReturnType());
	}

	private static boolean isOptionalType(Class<?> type) {
		return type == Optional.class || type == OptionalInt.class || type == OptionalLong.class
				|| type == OptionalDouble.class;
	}

	/** Any {@code @Nullable}: JSpecify's (on the type), Jakarta's, Spring's, JSR 305's (on the member). */
	private static boolean hasNullable(AnnotatedElement element) {
		for (Annotation annotation : element.getAnnotations()) {
			if (annotation.annotationType().getSimpleName().equals("Nullable")) {
				return true;
			}
		}
		return false;
	}

}
