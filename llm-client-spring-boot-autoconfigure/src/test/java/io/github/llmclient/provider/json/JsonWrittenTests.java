package io.github.llmclient.provider.json;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JsonWritten} against Jackson: whatever it accepts, it gives exactly the text Jackson
 * writes for the tree it reads from the same bytes; and it accepts what Jackson itself writes
 * (integers, strings, nesting), so that the usual call takes the one-pass path.
 */
class JsonWrittenTests {

	private static final int NOT_CANONICAL = -1;

	private static final int COMPACT = 0;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final String[] NAMES = { "a", "b", "city", "q\"", "é", "x y" };

	private static final String CHARS = "aZ09 /\"\\\n\t\r\b\f\u0001\u001f\u007féß€\u2028😀{}[],:";

	private final JsonWritten text = new JsonWritten(true);

	@Test
	void whateverIsAcceptedIsWhatJacksonWritesForTheTree() {
		Random random = new Random(42);
		int accepted = 0;
		for (int i = 0; i < 20_000; i++) {
			StringBuilder json = new StringBuilder();
			boolean[] extra = new boolean[1];
			object(json, random, 0, extra);
			byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
			JsonNode tree = MAPPER.readTree(bytes);
			String written = tree.toString();
			int form = check(this.text, bytes);
			if (form != NOT_CANONICAL) {
				accepted++;
				assertThat(JsonWritten.text(bytes, 0, bytes.length, form != COMPACT)).as(json.toString())
					.isEqualTo(written);
			}
			// Jackson's own text is accepted unless it holds what it writes otherwise than it reads
			byte[] own = written.getBytes(StandardCharsets.UTF_8);
			if (!extra[0] && !written.contains("\\u")) {
				assertThat(check(this.text, own)).as(written).isEqualTo(COMPACT);
			}
		}
		assertThat(accepted).isGreaterThan(2_000);
	}

	/** Writes a random object; {@code floats[0]} notes a fraction or an exponent. */
	private static void object(StringBuilder json, Random random, int depth, boolean[] floats) {
		json.append('{');
		space(json, random);
		int size = random.nextInt(4);
		for (int i = 0; i < size; i++) {
			if (i > 0) {
				json.append(',');
				space(json, random);
			}
			string(json, random, NAMES[random.nextInt(NAMES.length)]);
			space(json, random);
			json.append(':');
			space(json, random);
			value(json, random, depth + 1, floats);
			space(json, random);
		}
		json.append('}');
	}

	private static void value(StringBuilder json, Random random, int depth, boolean[] floats) {
		switch (random.nextInt((depth < 4) ? 9 : 7)) {
			case 0 -> json.append(random.nextBoolean());
			case 1 -> json.append("null");
			case 2 -> json.append(random.nextInt(3) - 1);
			case 3 -> json.append((random.nextBoolean()) ? random.nextLong() : "-123456789012345678901234567890");
			case 4 -> {
				floats[0] = true;
				json.append(random.nextBoolean() ? String.valueOf(random.nextDouble() * 100) : "1.50e3");
			}
			case 5, 6 -> {
				StringBuilder value = new StringBuilder();
				for (int i = random.nextInt(6); i > 0; i--) {
					value.appendCodePoint(CHARS.codePointAt(CHARS.offsetByCodePoints(0,
							random.nextInt(CHARS.codePointCount(0, CHARS.length())))));
				}
				string(json, random, value.toString());
			}
			case 7 -> object(json, random, depth, floats);
			default -> {
				json.append('[');
				for (int i = random.nextInt(3); i > 0; i--) {
					value(json, random, depth + 1, floats);
					json.append((i > 1) ? "," : "");
				}
				json.append(']');
			}
		}
	}

	/** A string, each character escaped the way Jackson does or, at random, another valid way. */
	private static void string(StringBuilder json, Random random, String value) {
		json.append('"');
		value.codePoints().forEach((c) -> {
			boolean other = random.nextInt(8) == 0;
			if (other && c < 0x10000) {
				json.append(String.format("\\u%04x", c));
			}
			else if (c == '"' || c == '\\') {
				json.append('\\').appendCodePoint(c);
			}
			else if (c == '/' && other) {
				json.append("\\/");
			}
			else if (c < 0x20) {
				json.append(switch (c) {
					case '\n' -> "\\n";
					case '\t' -> "\\t";
					case '\r' -> "\\r";
					case '\b' -> "\\b";
					case '\f' -> "\\f";
					default -> String.format("\\u%04X", c);
				});
			}
			else {
				json.appendCodePoint(c);
			}
		});
		json.append('"');
	}

	private static void space(StringBuilder json, Random random) {
		if (random.nextInt(4) == 0) {
			json.append(" \n\t\r".charAt(random.nextInt(4)));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"a\":1.0}", "{\"a\":1e3}", "{\"a\":-0}", "{\"a\":\"\\u0041\"}", "{\"a\":\"\\/\"}",
			"{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}", "{\"a\":\"\u0001\"}" })
	void whatJacksonWritesOtherwiseIsRefused(String json) {
		assertThat(check(this.text, json.getBytes(StandardCharsets.UTF_8))).isEqualTo(NOT_CANONICAL);
	}

	@Test
	void malformedUtf8IsRefused() {
		for (byte[] bad : new byte[][] { { (byte) 0xc0, (byte) 0x80 }, { (byte) 0xed, (byte) 0xa0, (byte) 0x80 },
				{ (byte) 0xe0, (byte) 0x80, (byte) 0x80 }, { (byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
				{ (byte) 0xc3 }, { (byte) 0x80 }, { (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80 } }) {
			byte[] json = new byte[bad.length + 8];
			System.arraycopy("{\"a\":\"".getBytes(StandardCharsets.US_ASCII), 0, json, 0, 6);
			System.arraycopy(bad, 0, json, 6, bad.length);
			json[json.length - 2] = '"';
			json[json.length - 1] = '}';
			assertThat(check(this.text, json)).isEqualTo(NOT_CANONICAL);
		}
	}

	@Test
	void whatOnlyALenientMapperReadsIsRefused() {
		JsonMapper lenient = JsonMapper.builder()
			.enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_MISSING_VALUES,
					JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES,
					JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
					JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
			.build();
		JsonWritten text = new JsonWritten(lenient.isEnabled(JsonNodeFeature.READ_NULL_PROPERTIES));
		for (String json : new String[] { "{\"a\":[1,]}", "{\"a\":1,}", "{\"a\":[1,,2]}", "{\"a\":'b'}", "{a:1}",
				"{\"a\":/* c */1}", "{\"a\":007}", "{\"a\":+1}", "{\"a\":NaN}", "{true:1}" }) {
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			// Jackson reads each (the span was found by its parser) and writes it otherwise
			assertThat(lenient.readTree(bytes).toString()).isNotEqualTo(json);
			assertThat(check(text, bytes)).as(json).isEqualTo(NOT_CANONICAL);
		}
	}

	@Test
	void nullPropertiesAreRefusedWhenTheTreeLeavesThemOut() {
		JsonMapper withoutNulls = JsonMapper.builder().disable(JsonNodeFeature.READ_NULL_PROPERTIES).build();
		byte[] json = "{\"a\":null,\"b\":[null]}".getBytes(StandardCharsets.UTF_8);
		assertThat(check(new JsonWritten(withoutNulls.isEnabled(JsonNodeFeature.READ_NULL_PROPERTIES)), json)).isEqualTo(NOT_CANONICAL);
		assertThat(check(this.text, json)).isEqualTo(COMPACT);
	}

	/** What the checker says of the whole input: not Jackson's text, or compact or spaced. */
	private static int check(JsonWritten text, byte[] json) {
		try {
			if (text.valueEnd(json, 0, json.length, 0) != json.length) {
				return NOT_CANONICAL;
			}
			return text.spaced() ? 1 : COMPACT;
		}
		catch (JsonCursor.GiveUp ex) {
			return NOT_CANONICAL;
		}
	}

	@Test
	void aScannerTakesAValueAsItsTextInsideAnEvent() {
		byte[] json = "{\"a\": { \"b\" : [1, \"x\"] }, \"c\":{\"d\":\"\\u0041\"}}".getBytes(StandardCharsets.UTF_8);
		Spans spans = new Spans(json);
		assertThat(spans.firstName()).isTrue();
		int start = spans.position();
		assertThat(spans.skipWrittenValue(this.text, 1)).isTrue();
		assertThat(JsonWritten.text(json, start, spans.position(), true)).isEqualTo("{\"b\":[1,\"x\"]}");
		assertThat(spans.nextName()).isTrue();
		assertThatThrownBy(() -> spans.skipWrittenValue(this.text, 1)).isInstanceOf(JsonCursor.GiveUp.class);
	}

	@Test
	void nestingDeeperThanTheScannerReadsIsRefused() {
		// the root object encloses the first array: 65 arrays inside it are one level too many
		String deep = "[".repeat(JsonScanner.MAX_DEPTH + 1) + "]".repeat(JsonScanner.MAX_DEPTH + 1);
		byte[] json = ("{\"a\":" + deep + "}").getBytes(StandardCharsets.UTF_8);
		assertThat(check(this.text, json)).isEqualTo(NOT_CANONICAL);
		byte[] shallower = ("{\"a\":" + deep.substring(1, deep.length() - 1) + "}").getBytes(StandardCharsets.UTF_8);
		assertThat(check(this.text, shallower)).isEqualTo(COMPACT);
	}

	private static final class Spans extends JsonScanner {

		Spans(byte[] json) {
			super(json, 0, json.length);
			expect('{');
		}

	}

}
