package io.github.llmclient.ratelimit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} started on a free port without persistence, for tests. Where it
 * is not installed the test is skipped with how to install it, except under {@code CI=true},
 * where it fails.
 */
final class RedisServer implements AutoCloseable {

	private final int port;

	private Process process;

	private RedisServer(int port) {
		this.port = port;
	}

	static RedisServer start() {
		String binary = find();
		if (binary == null) {
			String message = "redis-server is not installed: install it with `sudo apt-get install -y redis-server` "
					+ "(Debian/Ubuntu) to run the Redis rate-limit tests";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message);
			}
			Assumptions.abort(message);
		}
		RedisServer server = new RedisServer(freePort());
		server.startProcess();
		return server;
	}

	int port() {
		return this.port;
	}

	/** Starts (or restarts) the server on its port and returns once it accepts connections. */
	void startProcess() {
		try {
			this.process = new ProcessBuilder(find(), "--port", String.valueOf(this.port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no").redirectErrorStream(true).start();
			CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
				BufferedReader reader = new BufferedReader(
						new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				try {
					String line;
					while ((line = reader.readLine()) != null) {
						if (line.contains("Ready to accept connections")) {
							drain(reader);
							return true;
						}
					}
					return false;
				}
				catch (IOException ex) {
					return false;
				}
			});
			if (!ready.get(20, TimeUnit.SECONDS)) {
				throw new IllegalStateException("redis-server did not start on port " + this.port);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("redis-server did not start on port " + this.port, ex);
		}
	}

	/** Kills the server, as a crash would. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			kill();
		}
	}

	private static void drain(BufferedReader reader) {
		Thread drainer = new Thread(() -> {
			try {
				while (reader.readLine() != null) {
					// keep the pipe empty
				}
			}
			catch (IOException ex) {
				// the server stopped
			}
		}, "redis-server-output");
		drainer.setDaemon(true);
		drainer.start();
	}

	private static String find() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(dir, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		for (String path : new String[] { "/usr/bin/redis-server", "/usr/sbin/redis-server", "/usr/local/bin/redis-server" }) {
			if (new File(path).canExecute()) {
				return path;
			}
		}
		return null;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
