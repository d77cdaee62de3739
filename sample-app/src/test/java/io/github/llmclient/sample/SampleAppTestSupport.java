package io.github.llmclient.sample;

import java.time.Duration;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Starts the whole application on a real port, shared by every test class that extends this one
 * (they have the same configuration, so Spring's test context cache starts it once).
 *
 * <p>
 * Why a fixed port chosen here rather than {@code RANDOM_PORT}: the starter builds its WebClient
 * when the context starts, from {@code llm.base-url: http://localhost:${server.port}/demo/v1},
 * before a random port would be known. So the test picks a free port first and sets
 * {@code server.port} to it; the demo model's URL follows through the placeholder, and the
 * starter reaches the demo model over real HTTP exactly as in {@code spring-boot:run}.
 *
 * <p>
 * A failing test logs a thread dump ({@link ThreadDumpOnFailure}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ExtendWith(ThreadDumpOnFailure.class)
public abstract class SampleAppTestSupport {

	/** The application's port: free when chosen, once per test JVM. */
	protected static final int PORT = TestSocketUtils.findAvailableTcpPort();

	/** A client of the running application, over real HTTP. */
	protected final WebTestClient client = WebTestClient.bindToServer()
		.baseUrl(baseUrl())
		.responseTimeout(Duration.ofSeconds(20))
		.build();

	@DynamicPropertySource
	static void serverPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	/**
	 * The root URL of the running application.
	 * @return {@code http://localhost:<port>}
	 */
	protected static String baseUrl() {
		return "http://localhost:" + PORT;
	}

}
