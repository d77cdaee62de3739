package io.github.llmclient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A WireMock server on a free port, started before each test and stopped after it (after the
 * subclass's own clean-up), for tests of HTTP behaviour.
 */
public abstract class WireMockTestSupport {

	/** The stub server, running during each test. */
	protected final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	@BeforeEach
	protected void startWireMock() {
		this.wireMock.start();
	}

	@AfterEach
	protected void stopWireMock() {
		this.wireMock.stop();
	}

}
