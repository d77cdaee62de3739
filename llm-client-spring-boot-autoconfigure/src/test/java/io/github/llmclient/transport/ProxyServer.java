package io.github.llmclient.transport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A real proxy server for tests, started on a free port with its own configuration: Debian's
 * {@code tinyproxy} (HTTP, optionally with basic auth) or {@code microsocks} (SOCKS5). Where the
 * binary is missing the test is skipped with how to install it, except under {@code CI=true},
 * where it fails.
 */
final class ProxyServer implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private ProxyServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts tinyproxy, allowing {@code CONNECT} to the given port only.
	 * @param connectPort the port of the server behind the proxy
	 * @param username the basic-auth user, or null for none
	 * @param password the basic-auth password, or null
	 * @return the running proxy
	 */
	static ProxyServer tinyproxy(int connectPort, @Nullable String username, @Nullable String password)
			throws IOException {
		String binary = find("tinyproxy");
		Path dir = Files.createTempDirectory("tinyproxy");
		int port = freePort();
		Path log = dir.resolve("tinyproxy.log");
		List<String> config = new ArrayList<>(List.of("Port " + port, "Listen 127.0.0.1", "Allow 127.0.0.1",
				"Timeout 60", "MaxClients 100", "LogFile \"" + log + "\"", "LogLevel Info",
				"ConnectPort " + connectPort));
		if (username != null) {
			config.add("BasicAuth " + username + " " + password);
		}
		Path file = dir.resolve("tinyproxy.conf");
		Files.write(file, config);
		Process process = new ProcessBuilder(binary, "-d", "-c", file.toString()).redirectErrorStream(true)
			.redirectOutput(dir.resolve("stdout.log").toFile())
			.start();
		return started(new ProxyServer(process, port, log), "tinyproxy");
	}

	/**
	 * Starts microsocks.
	 * @param username the user, or null for none
	 * @param password the password, or null
	 * @return the running proxy
	 */
	static ProxyServer microsocks(@Nullable String username, @Nullable String password) throws IOException {
		String binary = find("microsocks");
		Path dir = Files.createTempDirectory("microsocks");
		int port = freePort();
		Path log = dir.resolve("microsocks.log");
		List<String> command = new ArrayList<>(List.of(binary, "-i", "127.0.0.1", "-p", String.valueOf(port)));
		if (username != null) {
			command.addAll(List.of("-u", username, "-P", password));
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return started(new ProxyServer(process, port, log), "microsocks");
	}

	int port() {
		return this.port;
	}

	/** What the proxy logged so far. */
	String log() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private static ProxyServer started(ProxyServer server, String name) {
		try {
			Awaitility.await(name + " accepting connections on port " + server.port)
				.atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(25))
				.until(() -> !server.process.isAlive() || accepts(server.port));
		}
		catch (RuntimeException ex) {
			server.process.destroyForcibly();
			throw ex;
		}
		if (!server.process.isAlive()) {
			throw new IllegalStateException(name + " exited at startup: " + server.log() + output(server.process));
		}
		return server;
	}

	private static String output(Process process) {
		try (InputStream in = process.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String find(String name) {
		for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/sbin")
			.split(File.pathSeparator)) {
			File candidate = new File(dir, name);
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		String message = name + " is not installed: install it with `sudo apt-get install -y " + name
				+ "` (Debian/Ubuntu) to run the proxy tests";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message);
		}
		Assumptions.abort(message);
		return name;
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
