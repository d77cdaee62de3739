package io.github.llmclient.provider.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.github.llmclient.PooledBodies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written decimal-to-float conversion of embeddings gives, bit for bit, the float that
 * {@link Float#parseFloat} (correctly rounded, as Jackson's) gives, on random and edge values and
 * next to every kind of rounding boundary; its array reading takes JSON's grammar only, and reads
 * a body in pooled network buffers through its window as it reads the same bytes in one array.
 */
class JsonFloatsTests {

	private static float scan(String number) {
		float[] values = new JsonFloats.Cursor(("[" + number + "]").getBytes(StandardCharsets.US_ASCII))
			.floatArray(0);
		assertThat(values).as(number).isNotNull().hasSize(1);
		return values[0];
	}

	private static void assertSameAsParseFloat(String number) {
		if (number.length() > JsonFloats.MAX_NUMBER_LENGTH) {
			// an exact midpoint of subnormals has over a hundred digits: Jackson reads such numbers
			assertThat(new JsonFloats.Cursor(("[" + number + "]").getBytes(StandardCharsets.US_ASCII)).floatArray(0))
				.isNull();
			return;
		}
		assertThat(Float.floatToRawIntBits(scan(number))).as(number)
			.isEqualTo(Float.floatToRawIntBits(Float.parseFloat(number)));
	}

	@Test
	void everyFloatRoundTripsBitExactly() {
		SplittableRandom random = new SplittableRandom(21);
		for (int i = 0; i < 300_000; i++) {
			float value = Float.intBitsToFloat(random.nextInt());
			if (Float.isFinite(value)) {
				String text = Float.toString(value);
				assertThat(Float.floatToRawIntBits(scan(text))).as(text).isEqualTo(Float.floatToRawIntBits(value));
			}
		}
	}

	@Test
	void seventeenDigitDoublesAndShortDecimalsRoundAsParseFloat() {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 200_000; i++) {
			assertSameAsParseFloat(Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-30, 30))));
			// the shape embeddings come in: eight places, about ±0.1
			assertSameAsParseFloat(BigDecimal.valueOf(random.nextLong(-10_000_000, 10_000_000), 8).toPlainString());
			double any = Double.longBitsToDouble(random.nextLong());
			if (Double.isFinite(any)) {
				assertSameAsParseFloat(Double.toString(any));
			}
		}
	}

	@Test
	void decimalsAtAndBesideEveryKindOfFloatRoundingBoundaryRoundAsParseFloat() {
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 20_000; i++) {
			// normal, subnormal and powers of two (whose boundary below is nearer)
			float value = switch (i % 3) {
				case 0 -> Float.intBitsToFloat(random.nextInt(0x00800000, 0x7f7fffff));
				case 1 -> Float.intBitsToFloat(random.nextInt(1, 0x00800000));
				default -> Math.scalb(1.0f, random.nextInt(-126, 127));
			};
			BigDecimal low = new BigDecimal(Math.nextDown(value));
			BigDecimal exact = new BigDecimal(value);
			BigDecimal high = new BigDecimal(Math.nextUp(value));
			for (BigDecimal midpoint : new BigDecimal[] { low.add(exact).divide(BigDecimal.valueOf(2)),
					exact.add(high).divide(BigDecimal.valueOf(2)) }) {
				assertSameAsParseFloat(midpoint.toString());
				for (int digits = 6; digits <= 18; digits++) {
					assertSameAsParseFloat(midpoint.round(new MathContext(digits, RoundingMode.UP)).toString());
					assertSameAsParseFloat(midpoint.round(new MathContext(digits, RoundingMode.DOWN)).toString());
					assertSameAsParseFloat(midpoint.negate().round(new MathContext(digits, RoundingMode.HALF_EVEN)).toString());
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-0", "-0.0", "0.0e10", "-0E-5", "1", "-1", "1E+2", "1e-2", "0.1", "-0.00692928",
			"16777216", "16777217", "16777219", "33554435", "9007199254740993", "123456789012345678",
			"1234567890123456789", "123456789012345678901234567890", "0.000000000000000000001", "1e-22", "1e22",
			"1e23", "1e-23", "3.4028235e38", "3.40282356e38", "3.4028236e38", "1e39", "1e400", "1.17549435E-38",
			"1.1754942E-38", "1.4e-45", "7.006492321624085e-46", "7.006492321624086e-46", "7e-46", "1e-50",
			"4.9e-324", "0.30000000000000004", "2.9802322387695312E-8", "1.00000005960464477539062500000001",
			"1.000000059604644775390625", "1.0000000596046447753906249999",
			// fractions read eight digits at a time: leading zeros, 8, 9, 16, 17, 18, 19 and 24 digits
			"0.00000000", "0.00000001", "-0.01234567", "0.012345678", "0.1234567890123456", "0.12345678901234567",
			"0.123456789012345678", "0.1234567891234567891", "0.000000000000000012345678", "12.34567890",
			"1234567890.12345678", "0.99999999e-3", "0.5960464477539062", "0.59604644775390625" })
	void edgeValuesRoundAsParseFloat(String number) {
		assertSameAsParseFloat(number);
	}

	@Test
	void negativeZeroKeepsItsSign() {
		assertThat(Float.floatToRawIntBits(scan("-0.0"))).isEqualTo(Float.floatToRawIntBits(-0.0f));
		assertThat(Float.floatToRawIntBits(scan("0.0"))).isEqualTo(0);
	}

	@Test
	void arraysAreReadWithWhitespaceAndGrowPastTheHint() {
		float[] values = new JsonFloats.Cursor(" [ 1 ,\n-2.5e0\t, 3 ] ".getBytes(StandardCharsets.US_ASCII))
			.floatArray(2);
		assertThat(values).containsExactly(1f, -2.5f, 3f);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "[01]", "[1.]", "[.5]", "[-]", "[1e]", "[1e+]", "[+1]", "[1,]", "[1 2]", "[NaN]",
			"[Infinity]", "[\"1\"]", "[null]", "[1", "1]", "[0x10]", "[1]]" })
	void anythingButANonEmptyArrayOfJsonNumbersIsLeftToJackson(String json) {
		JsonFloats.Cursor cursor = new JsonFloats.Cursor(json.getBytes(StandardCharsets.US_ASCII));
		float[] values = cursor.floatArray(0);
		assertThat(values == null || !cursor.atEnd()).as(json).isTrue();
	}

	@Test
	void aBufferedBodyLongerThanTheWindowReadsAsTheSameBytesInOneArray() {
		SplittableRandom random = new SplittableRandom(21);
		StringBuilder json = new StringBuilder("[");
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			String number = switch (i % 7) {
				// a long significand (the slow path), in a body where it may cross the window's end
				case 3 -> "-0." + Long.toString(random.nextLong(1L << 62)) + Long.toString(random.nextLong(1L << 62));
				case 5 -> Float.toString(Float.intBitsToFloat(random.nextInt() & 0x7EFF_FFFF));
				default -> String.format(java.util.Locale.ROOT, "%.8f", random.nextDouble(-0.2, 0.2));
			};
			numbers.add(number);
			json.append((i > 0) ? "," : "").append(" ".repeat(random.nextInt(4))).append(number);
			if (i == 9_000) {
				// whitespace past a whole window
				json.append(" \n".repeat(JsonFloats.Cursor.WINDOW));
			}
		}
		byte[] body = json.append(" ]  ").toString().getBytes(StandardCharsets.US_ASCII);
		float[] expected = new float[numbers.size()];
		for (int i = 0; i < expected.length; i++) {
			expected[i] = Float.parseFloat(numbers.get(i));
		}
		assertThat(new JsonFloats.Cursor(body).floatArray(0)).containsExactly(expected);
		for (int piece : new int[] { 1, 7, 1024, 65_536, body.length }) {
			DataBuffer buffer = PooledBodies.pooled(body, piece);
			try {
				JsonFloats.Cursor cursor = new JsonFloats.Cursor(buffer);
				assertThat(cursor.floatArray(16)).as("pieces of %d bytes", piece).containsExactly(expected);
				assertThat(cursor.atEnd()).isTrue();
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}
	}

	@Test
	void aBufferedNumberCrossingTheWindowsEndAtEveryOffsetIsReadWhole() {
		String number = "-0.012345678901234567";
		for (int pad = JsonFloats.Cursor.WINDOW - 300; pad < JsonFloats.Cursor.WINDOW + 30; pad++) {
			byte[] body = ("[" + " ".repeat(pad) + "1," + number + ",2]").getBytes(StandardCharsets.US_ASCII);
			DataBuffer buffer = PooledBodies.pooled(body, 4096);
			try {
				JsonFloats.Cursor cursor = new JsonFloats.Cursor(buffer);
				assertThat(cursor.floatArray(0)).as("after %d spaces", pad)
					.containsExactly(1f, Float.parseFloat(number), 2f);
				assertThat(cursor.atEnd()).isTrue();
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}
	}

	@Test
	void aBufferedNumberLongerThanTheLimitIsLeftToJacksonWhereverItLies() {
		String number = "0." + "1".repeat(JsonFloats.MAX_NUMBER_LENGTH);
		for (int pad : new int[] { 0, JsonFloats.Cursor.WINDOW - 150, JsonFloats.Cursor.WINDOW - 60 }) {
			byte[] body = ("[" + " ".repeat(pad) + "1," + number + "]").getBytes(StandardCharsets.US_ASCII);
			DataBuffer buffer = PooledBodies.pooled(body, 1000);
			try {
				assertThat(new JsonFloats.Cursor(buffer).floatArray(0)).as("after %d spaces", pad).isNull();
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}
	}

}
