package io.github.llmclient.transport;

import java.util.regex.Pattern;

import io.github.llmclient.ProxySettings;
import io.github.llmclient.TestClients;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Proxy settings as users write them, turned into what Reactor Netty expects. */
class TransportTests {

	@Test
	void translatesJavaNonProxyHostsIntoARegularExpression() {
		Pattern pattern = Pattern.compile(Transport.nonProxyHostsPattern(" localhost | *.internal|10.0.0.1|api.*.corp "));
		assertThat(pattern.matcher("localhost").matches()).isTrue();
		assertThat(pattern.matcher("llm.internal").matches()).isTrue();
		assertThat(pattern.matcher("a.b.internal").matches()).isTrue();
		assertThat(pattern.matcher("10.0.0.1").matches()).isTrue();
		assertThat(pattern.matcher("api.eu.corp").matches()).isTrue();
		// dots are literal, and a name only matches as a whole
		assertThat(pattern.matcher("10x0x0x1").matches()).isFalse();
		assertThat(pattern.matcher("internal").matches()).isFalse();
		assertThat(pattern.matcher("llm.internal.example.com").matches()).isFalse();
		assertThat(pattern.matcher("localhost.evil.com").matches()).isFalse();
		assertThat(pattern.matcher("api.openai.com").matches()).isFalse();
	}

	@Test
	void theConnectionPoolIsSizedToTheConcurrencyLimit() {
		assertThat(HttpClients.create(TestClients.openAi("https://llm.example.com/v1").maxConcurrent(7).build()).configuration().connectionProvider().maxConnections())
			.isEqualTo(7);
		assertThat(HttpClients.MAX_IDLE_TIME).isLessThan(java.time.Duration.ofSeconds(30));
	}

	@Test
	void rejectsHalfConfiguredProxies() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProxySettings(ProxySettings.Type.HTTP, "proxy", 3128, "user", null, null, false));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProxySettings(ProxySettings.Type.HTTP, "proxy", 0, null, null, null, false));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProxySettings(ProxySettings.Type.HTTP, "proxy", 3128, null, null, null, true));
		assertThat(ProxySettings.none().isEnabled()).isFalse();
		assertThat(ProxySettings.systemProperties().isEnabled()).isTrue();
	}

}
