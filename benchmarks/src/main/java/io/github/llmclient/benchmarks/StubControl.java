package io.github.llmclient.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Questions and settings for the stub, each on a connection of its own that is closed after, so
 * that each counts exactly one accepted and one closed connection in the stub's statistics.
 */
final class StubControl {

	private static final AtomicLong calls = new AtomicLong();

	private StubControl() {
	}

	/** How many questions and settings have been sent, each on a connection of its own. */
	static long calls() {
		return calls.get();
	}

	/** Sets the shape of the streams to come. */
	static void shape(int port, StreamShape shape) {
		get(port, "/shape?chunks=" + shape.chunks() + "&delayMs=" + shape.delayMs() + "&perWrite="
				+ shape.eventsPerWrite() + "&content=" + shape.content().name());
	}

	/** How many connections the stub has accepted, and how many of them closed. */
	static long[] connections(int port) {
		String[] counts = get(port, "/stats").split(" ");
		return new long[] { Long.parseLong(counts[0]), Long.parseLong(counts[1]) };
	}

	/** How many connections the stub's h2c port has accepted, and how many of them closed. */
	static long[] h2cConnections(int port) {
		String[] counts = get(port, "/stats").split(" ");
		return new long[] { Long.parseLong(counts[2]), Long.parseLong(counts[3]) };
	}

	/**
	 * The stub's process CPU time so far, in nanoseconds (its event loops writing the answers, the
	 * control questions' small share included): beside a client's CPU, whether the stub or the
	 * client is the busier on the shared cores.
	 */
	static long cpuNanos(int port) {
		return Long.parseLong(get(port, "/stats").split(" ")[4]);
	}

	private static String get(int port, String path) {
		calls.incrementAndGet();
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path)
				.toURL()
				.openConnection();
			connection.setRequestProperty("Connection", "close");
			try (InputStream in = connection.getInputStream()) {
				return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
