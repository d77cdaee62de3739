package io.github.llmclient.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.google.auth.oauth2.GoogleCredentials;
import io.github.llmclient.provider.RequestAuth;
import io.github.llmclient.provider.gemini.GoogleCredentialsAuth;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Vertex AI's Google OAuth2 authorisation, present when Google's auth library is on the
 * classpath: a {@link GoogleCredentials} bean of the application, else Application Default
 * Credentials, looked up at the first call (off the event loop, never at startup).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = VertexAuthConfiguration.GOOGLE_CREDENTIALS)
class VertexAuthConfiguration {

	/** The class that tells Google's auth library is present. */
	static final String GOOGLE_CREDENTIALS = "com.google.auth.oauth2.GoogleCredentials";

	/** The bean name of the authorisation shared by every vertex-ai client. */
	static final String BEAN_NAME = "llmVertexRequestAuth";

	@Bean(name = BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = BEAN_NAME)
	RequestAuth llmVertexRequestAuth(ObjectProvider<GoogleCredentials> credentials) {
		return new GoogleCredentialsAuth(() -> credentials.getIfUnique(VertexAuthConfiguration::applicationDefault));
	}

	private static GoogleCredentials applicationDefault() {
		try {
			return GoogleCredentials.getApplicationDefault();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
