package io.github.llmclient.provider.gemini;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.google.auth.Retryable;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmAuthenticationException;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.RequestAuth;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Authorises Vertex AI calls with a Google OAuth2 bearer token from {@link GoogleCredentials}
 * (Application Default Credentials unless the application supplies its own), scoped to
 * {@value #SCOPE}, and {@code x-goog-user-project} when the credentials name a quota project.
 *
 * <p>
 * The token is cached: an attempt while it has more than {@link #REFRESH_MARGIN} left gets it at
 * once, on the calling thread. Otherwise the credentials are resolved (Application Default
 * Credentials read files or ask the metadata server) and refreshed on
 * {@link Schedulers#boundedElastic()}, since Google's library does blocking HTTP: never on the
 * event loop. A token is never logged or put in a message.
 */
public final class GoogleCredentialsAuth implements RequestAuth {

	/** The OAuth2 scope asked for. */
	public static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

	/** How long before its expiry a token is refreshed. */
	public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

	private final Supplier<GoogleCredentials> source;

	private final Clock clock;

	private volatile @Nullable GoogleCredentials credentials;

	private volatile @Nullable Cached cached;

	/**
	 * Authorisation with the given credentials, resolved at the first call (off the event loop).
	 * @param credentials supplies the credentials, e.g. {@link GoogleCredentials#getApplicationDefault()}
	 */
	public GoogleCredentialsAuth(Supplier<GoogleCredentials> credentials) {
		this(credentials, Clock.systemUTC());
	}

	GoogleCredentialsAuth(Supplier<GoogleCredentials> credentials, Clock clock) {
		this.source = credentials;
		this.clock = clock;
	}

	/**
	 * Authorisation with Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS},
	 * the gcloud user credentials, or the metadata server), looked up at the first call.
	 * @return the authorisation
	 */
	public static GoogleCredentialsAuth applicationDefault() {
		return new GoogleCredentialsAuth(() -> {
			try {
				return GoogleCredentials.getApplicationDefault();
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
	}

	@Override
	public Mono<Map<String, String>> headers(ProviderRequest request) {
		Cached current = this.cached;
		if (current != null && current.freshAt(this.clock.millis())) {
			return Mono.just(current.headers);
		}
		return Mono.fromCallable(this::refresh)
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorMap((ex) -> !(ex instanceof LlmAuthenticationException), GoogleCredentialsAuth::failure);
	}

	/** Blocking: resolves the credentials if needed and refreshes the token when it is (nearly) expired. */
	private Map<String, String> refresh() throws IOException {
		GoogleCredentials credentials = credentials();
		synchronized (this) {
			Cached current = this.cached;
			long now = this.clock.millis();
			if (current != null && current.freshAt(now)) {
				return current.headers;
			}
			credentials.refreshIfExpired();
			AccessToken token = credentials.getAccessToken();
			if (token == null || (current != null && current.token.equals(token.getTokenValue())
					&& expiresWithinMargin(token, now))) {
				// the library's own margin is narrower than ours and it kept the old token: renew it now
				credentials.refresh();
				token = credentials.getAccessToken();
			}
			if (token == null) {
				throw new IOException("the credentials gave no access token");
			}
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("Authorization", "Bearer " + token.getTokenValue());
			String quotaProject = credentials.getQuotaProjectId();
			if (quotaProject != null && !quotaProject.isBlank()) {
				headers.put("x-goog-user-project", quotaProject);
			}
			Date expiry = token.getExpirationTime();
			Cached fresh = new Cached(token.getTokenValue(), Map.copyOf(headers),
					(expiry != null) ? expiry.getTime() - REFRESH_MARGIN.toMillis() : Long.MAX_VALUE);
			this.cached = fresh;
			return fresh.headers;
		}
	}

	private boolean expiresWithinMargin(AccessToken token, long now) {
		Date expiry = token.getExpirationTime();
		return expiry != null && expiry.getTime() - REFRESH_MARGIN.toMillis() <= now;
	}

	private GoogleCredentials credentials() {
		GoogleCredentials credentials = this.credentials;
		if (credentials == null) {
			synchronized (this) {
				credentials = this.credentials;
				if (credentials == null) {
					credentials = this.source.get();
					if (credentials.createScopedRequired()) {
						credentials = credentials.createScoped(List.of(SCOPE));
					}
					this.credentials = credentials;
				}
			}
		}
		return credentials;
	}

	private static LlmAuthenticationException failure(Throwable ex) {
		Throwable cause = (ex instanceof java.io.UncheckedIOException unchecked) ? unchecked.getCause() : ex;
		boolean retryable = (cause instanceof Retryable google) ? google.isRetryable()
				: cause instanceof IOException && !(cause.getMessage() != null
						&& cause.getMessage().contains("Application Default Credentials"));
		return new LlmAuthenticationException("Could not get a Google access token for vertex-ai: "
				+ cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "")
				+ " (Vertex AI uses Application Default Credentials: set GOOGLE_APPLICATION_CREDENTIALS, run "
				+ "'gcloud auth application-default login', or define a GoogleCredentials bean; "
				+ "or set llm.api-key for express mode)",
				ErrorDetails.builder("vertex-ai").retryable(retryable).build(), cause);
	}

	@Override
	public String toString() {
		return "GoogleCredentialsAuth[" + ((this.cached != null) ? "token cached" : "no token yet") + "]";
	}

	/** A token's headers and until when they are used without a refresh. */
	private record Cached(String token, Map<String, String> headers, long freshUntilMillis) {

		boolean freshAt(long now) {
			return now < this.freshUntilMillis;
		}

		@Override
		public String toString() {
			return "Cached[******]";
		}

	}

}
