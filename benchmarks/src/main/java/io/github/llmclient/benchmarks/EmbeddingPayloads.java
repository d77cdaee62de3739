package io.github.llmclient.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * E1's texts and vectors, shared by the stub (which answers them) and the clients (which check
 * them). Input {@code g} is the text {@code "e<g> …"}; its vector is a deterministic function of
 * {@code g % CYCLE} and the dimension count, so the stub answers any batch from a few precomputed
 * bodies and a client can check every value it read against {@link Check}. Each component is a
 * decimal of eight places, {@code q / 10^8} with {@code |q| < 10^7} (about as OpenAI writes them:
 * {@code -0.00692928}), normal-ish with σ 0.025, and its float is the one both a direct
 * decimal-to-float parse and a parse through double give (a decimal that short is never within
 * a double's rounding of a float's rounding boundary), so an exact check holds for any correct
 * JSON reader. Base64 bodies carry the same floats, little-endian float32.
 */
final class EmbeddingPayloads {

	/** The model the requests name. */
	static final String MODEL = "text-embedding-3-small";

	/** Vectors repeat every this many inputs: 4 batches of 512. */
	static final int CYCLE = 2048;

	private static final int SCALE = 100_000_000;

	private EmbeddingPayloads() {
	}

	/** The texts of one call: short sentences, ASCII, no characters that JSON escapes. */
	static List<String> texts(int count) {
		List<String> texts = new ArrayList<>(count);
		for (int g = 0; g < count; g++) {
			texts.add("e" + g + " The quick brown fox jumps over the lazy dog, passage " + g + " of the corpus.");
		}
		return texts;
	}

	/** The components of the vector of inputs {@code k + n * CYCLE}, in units of 10^-8. */
	static int[] quanta(int k, int dimensions) {
		SplittableRandom random = new SplittableRandom(0x9E3779B97F4A7C15L * (k + 1) + dimensions);
		int[] q = new int[dimensions];
		for (int d = 0; d < dimensions; d++) {
			// Sum of three uniforms: bell-shaped, bounded, cheap.
			double x = (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5) * 0.05;
			q[d] = (int) Math.max(-9_999_999, Math.min(9_999_999, Math.round(x * SCALE)));
		}
		return q;
	}

	/** The float of a component: the correctly rounded float of the decimal {@code q / 10^8}. */
	static float value(int q) {
		return (float) ((double) q / SCALE);
	}

	/** The vector of input {@code g}. */
	static float[] vector(int g, int dimensions) {
		int[] q = quanta(g % CYCLE, dimensions);
		float[] vector = new float[dimensions];
		for (int d = 0; d < dimensions; d++) {
			vector[d] = value(q[d]);
		}
		return vector;
	}

	/**
	 * The response body to a request for inputs {@code first … first + count - 1}, compact as
	 * OpenAI's SDKs see it after transport (the API itself indents JSON arrays, which only makes
	 * them longer).
	 */
	static byte[] body(int first, int count, int dimensions, boolean base64) {
		int perVector = base64 ? dimensions * 16 / 3 + 64 : dimensions * 12 + 64;
		ByteArrayOutputStream out = new ByteArrayOutputStream(count * perVector + 256);
		ascii(out, "{\"object\":\"list\",\"data\":[");
		ByteBuffer bytes = ByteBuffer.allocate(dimensions * 4).order(ByteOrder.LITTLE_ENDIAN);
		StringBuilder number = new StringBuilder(16);
		for (int i = 0; i < count; i++) {
			ascii(out, (i > 0 ? "," : "") + "{\"object\":\"embedding\",\"index\":" + i + ",\"embedding\":");
			int[] q = quanta((first + i) % CYCLE, dimensions);
			if (base64) {
				bytes.clear();
				for (int d = 0; d < dimensions; d++) {
					bytes.putFloat(value(q[d]));
				}
				out.write('"');
				out.writeBytes(Base64.getEncoder().encode(bytes.array()));
				out.write('"');
			}
			else {
				out.write('[');
				for (int d = 0; d < dimensions; d++) {
					if (d > 0) {
						out.write(',');
					}
					number.setLength(0);
					decimal(number, q[d]);
					ascii(out, number);
				}
				out.write(']');
			}
			out.write('}');
		}
		int tokens = count * 16;
		ascii(out, "],\"model\":\"" + MODEL + "\",\"usage\":{\"prompt_tokens\":" + tokens + ",\"total_tokens\":"
				+ tokens + "}}");
		return out.toByteArray();
	}

	/** The CRC-32 of {@link #body}. */
	static long crc(int first, int count, int dimensions, boolean base64) {
		CRC32 crc = new CRC32();
		crc.update(body(first, count, dimensions, base64));
		return crc.getValue();
	}

	/** The request body a hand-written client sends for some of the texts. */
	static byte[] requestBody(List<String> texts, int dimensions, boolean base64) {
		StringBuilder body = new StringBuilder(texts.size() * 90 + 128).append("{\"model\":\"").append(MODEL)
			.append("\",\"input\":[");
		for (int i = 0; i < texts.size(); i++) {
			body.append(i > 0 ? ",\"" : "\"").append(texts.get(i)).append('"');
		}
		body.append("],\"dimensions\":").append(dimensions);
		if (base64) {
			body.append(",\"encoding_format\":\"base64\"");
		}
		return body.append('}').toString().getBytes(StandardCharsets.UTF_8);
	}

	/** {@code q / 10^8} with eight decimal places, as in {@code -0.00692928}. */
	private static void decimal(StringBuilder out, int q) {
		if (q < 0) {
			out.append('-');
			q = -q;
		}
		out.append("0.");
		String digits = Integer.toString(q);
		for (int pad = digits.length(); pad < 8; pad++) {
			out.append('0');
		}
		out.append(digits);
	}

	private static void ascii(ByteArrayOutputStream out, CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			out.write(text.charAt(i));
		}
	}

	/**
	 * The expected vectors of one cycle, to check every value a client read, exactly. Run after
	 * the clock stops: it reads all the floats once (about 60 MB for 10,000 × 1,536), which would
	 * otherwise add the same few tens of milliseconds to every client and flatten the ratios.
	 */
	static final class Check {

		private final float[][] cycle;

		private final int dimensions;

		Check(int dimensions) {
			this.dimensions = dimensions;
			this.cycle = new float[CYCLE][];
			for (int k = 0; k < CYCLE; k++) {
				this.cycle[k] = vector(k, dimensions);
			}
		}

		/** Whether the vectors are exactly those of inputs 0 … count - 1, in order. */
		boolean matches(List<float[]> vectors, int count) {
			if (vectors == null || vectors.size() != count) {
				return false;
			}
			for (int g = 0; g < count; g++) {
				float[] vector = vectors.get(g);
				if (vector == null || vector.length != this.dimensions || !Arrays.equals(vector, this.cycle[g % CYCLE])) {
					return false;
				}
			}
			return true;
		}

	}

}
