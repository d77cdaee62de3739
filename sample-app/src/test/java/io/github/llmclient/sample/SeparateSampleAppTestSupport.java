package io.github.llmclient.sample;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.util.TestSocketUtils;

/**
 * Starts the whole application, configured otherwise than {@link SampleAppTestSupport}'s (another
 * wire format, say), on a port of its own, and closes it after the class: the shared application
 * of the other tests stays cached and running on its port meanwhile. For why the port is chosen
 * before the start, see {@link SampleAppTestSupport}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext
@ExtendWith(ThreadDumpOnFailure.class)
public abstract class SeparateSampleAppTestSupport {

	/** This application's port: free when chosen, once per test class (when its context starts). */
	private static volatile int port;

	/** A client of the running application, over real HTTP (made once the application runs). */
	protected WebTestClient client;

	@BeforeEach
	void clientOfTheRunningApplication() {
		this.client = WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(20)).build();
	}

	@DynamicPropertySource
	static void serverPort(DynamicPropertyRegistry registry) {
		port = TestSocketUtils.findAvailableTcpPort();
		int chosen = port;
		registry.add("server.port", () -> chosen);
	}

	/**
	 * The root URL of the running application.
	 * @return {@code http://localhost:<port>}
	 */
	protected static String baseUrl() {
		return "http://localhost:" + port;
	}

}
