package io.github.llmclient.provider.json;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shared scanner's pieces on their own (each wire format's reader is held to Jackson by its
 * own differential tests): scalars, byte matches, and giving up on what is outside its subset.
 */
class JsonScannerTests {

	@Test
	void readsStringsBooleansAndIntegers() {
		Scanner scanner = scanner("{\"s\":\"a\\u00e9\\n\",\"b\":true,\"f\":false,\"i\":-123456789,\"k\":\"known\"}");
		assertThat(scanner.enterObject()).isTrue();
		assertThat(scanner.firstName()).isTrue();
		assertThat(scanner.string(null)).isEqualTo("a\u00e9\n");
		assertThat(scanner.nextName()).isTrue();
		assertThat(scanner.bool()).isTrue();
		assertThat(scanner.nextName()).isTrue();
		assertThat(scanner.bool()).isFalse();
		assertThat(scanner.nextName()).isTrue();
		assertThat(scanner.peekIntegerNumber()).isTrue();
		assertThat(scanner.integer()).isEqualTo(-123456789);
		assertThat(scanner.nextName()).isTrue();
		String known = new String("known");
		assertThat(scanner.string(known)).isSameAs(known);
		assertThat(scanner.nextName()).isFalse();
		assertThat(scanner.atEnd()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.5", "1e3", "-0.0", "1E+2" })
	void numbersWithAFractionOrExponentAreNotIntegers(String number) {
		Scanner scanner = scanner(number + ",");
		assertThat(scanner.peekIntegerNumber()).isFalse();
		scanner.skipValue(1);
		assertThat(scanner.peek()).isEqualTo((byte) ',');
	}

	@ParameterizedTest
	@ValueSource(strings = { "1234567890,", "01,", "1.,", "-,", "1e,", "tru,", "nul,", "\"a", "\"a\u0001\",",
			"\"\\x\",", "1", "true" })
	void givesUpOnWhatIsOutsideItsSubsetOrMalformed(String json) {
		assertThatExceptionOfType(JsonCursor.GiveUp.class).isThrownBy(() -> {
			Scanner scanner = scanner(json);
			if (json.startsWith("1") && json.length() == 11) {
				scanner.integer();
			}
			else {
				scanner.skipValue(1);
			}
		});
	}

	@Test
	void booleansAreOnlyTrueOrFalse() {
		assertThatExceptionOfType(JsonCursor.GiveUp.class).isThrownBy(() -> scanner("null,").bool());
		assertThatExceptionOfType(JsonCursor.GiveUp.class).isThrownBy(() -> scanner("\"true\",").bool());
		assertThatExceptionOfType(JsonCursor.GiveUp.class).isThrownBy(() -> scanner("truex").bool());
	}

	@Test
	void matchesBytesAheadAndToTheEnd() {
		byte[] source = ascii("xx,\"a\":1}yy");
		Scanner scanner = scanner(",\"a\":1}");
		assertThat(scanner.skipBytes(source, 2, 5)).isTrue();
		assertThat(scanner.position()).isEqualTo(3);
		assertThat(scanner.skipBytes(source, 0, 2)).isFalse();
		assertThat(scanner.position()).isEqualTo(3);
		assertThat(scanner.restEquals(source, 5, 9)).isTrue();
		assertThat(scanner.restEquals(source, 5, 8)).isFalse();
		assertThat(scanner.restEquals(source, 5, 10)).isFalse();
		byte[] into = new byte[4];
		assertThat(scanner.copyToEnd(3, into)).isEqualTo(4);
		assertThat(new String(into, StandardCharsets.US_ASCII)).isEqualTo("\":1}");
		assertThat(scanner.copyToEnd(0, new byte[3])).isEqualTo(-1);
	}

	@Test
	void readsNaturalDigitsWithoutCheckingWhatFollows() {
		Scanner scanner = scanner("123456789012");
		assertThat(scanner.naturalDigits()).isEqualTo(123456789);
		assertThat(scanner.position()).isEqualTo(9);
		assertThat(scanner("0123").naturalDigits()).isZero();
		assertThat(scanner("-1").naturalDigits()).isEqualTo(-1);
	}

	private static Scanner scanner(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return new Scanner(bytes);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** The scanner's methods, opened to the test. */
	static final class Scanner extends JsonScanner {

		Scanner(byte[] bytes) {
			super(bytes, 0, bytes.length);
		}

	}

}
