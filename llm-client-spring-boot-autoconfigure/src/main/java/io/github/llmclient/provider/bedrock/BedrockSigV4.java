package io.github.llmclient.provider.bedrock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.RequestAuth;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs each attempt of a Bedrock client with AWS Signature V4 (service {@code bedrock}) through
 * the AWS SDK for Java v2's standalone {@link AwsV4HttpSigner}: over the exact method, URI and
 * body bytes that are then sent, anew for every attempt and retry. Credentials come from an
 * {@link AwsCredentialsProvider} (the SDK's default chain unless the application gives its own),
 * resolved on {@code Schedulers.boundedElastic()} since a provider may do blocking I/O (instance
 * metadata, STS, SSO); a resolved identity is reused for at most a minute, and never within five
 * minutes of its expiry, so that a call on the event loop rarely waits for a thread hop.
 *
 * <p>
 * Needs {@code software.amazon.awssdk:http-auth-aws} and {@code software.amazon.awssdk:auth} on
 * the classpath (optional dependencies of the starter).
 *
 * <pre class="code">
 * LlmTemplate.builder(config)
 *     .requestAuth(BedrockSigV4.create(DefaultCredentialsProvider.builder().build(), "us-east-1"))
 *     .build();
 * </pre>
 */
public final class BedrockSigV4 implements RequestAuth {

	/** The SigV4 service name of Bedrock's runtime and control plane. */
	public static final String SERVICE = "bedrock";

	static final Duration REUSE = Duration.ofMinutes(1);

	static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);

	private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

	private final AwsCredentialsProvider credentials;

	private final String region;

	private final Clock clock;

	private volatile @Nullable Cached cached;

	BedrockSigV4(AwsCredentialsProvider credentials, String region, Clock clock) {
		this.credentials = Objects.requireNonNull(credentials, "credentials must not be null");
		this.region = Objects.requireNonNull(region, "region must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
	}

	/**
	 * The signer of a client.
	 * @param credentials where credentials come from
	 * @param region the AWS region signed for, e.g. {@code us-east-1}
	 * @return the request authorisation
	 */
	public static BedrockSigV4 create(AwsCredentialsProvider credentials, String region) {
		return new BedrockSigV4(credentials, region, Clock.systemUTC());
	}

	@Override
	public Mono<Map<String, String>> headers(ProviderRequest request) {
		Cached cached = this.cached;
		if (cached != null && cached.freshAt(this.clock.instant())) {
			return Mono.fromSupplier(() -> sign(request, cached.identity));
		}
		return Mono.fromCallable(this.credentials::resolveCredentials)
			.subscribeOn(Schedulers.boundedElastic())
			.map((identity) -> {
				this.cached = new Cached(identity, this.clock.instant());
				return sign(request, identity);
			});
	}

	/**
	 * Signs one request over its method, exact URI and body bytes: the headers to add,
	 * {@code Authorization}, {@code X-Amz-Date}, {@code x-amz-content-sha256} and any session token.
	 */
	Map<String, String> sign(ProviderRequest request, AwsCredentialsIdentity identity) {
		SdkHttpRequest http = SdkHttpRequest.builder()
			.method(SdkHttpMethod.fromValue(request.method().name()))
			.uri(request.uri())
			.build();
		byte[] body = request.body();
		SignedRequest signed = this.signer.sign((sign) -> sign.identity(identity)
			.request(http)
			.payload((body != null) ? ContentStreamProvider.fromByteArrayUnsafe(body) : null)
			.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SERVICE)
			.putProperty(AwsV4HttpSigner.REGION_NAME, this.region)
			.putProperty(HttpSigner.SIGNING_CLOCK, this.clock));
		Map<String, String> headers = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
			// Host is the URI's, which the HTTP client sends itself (as :authority over HTTP/2)
			if (!header.getKey().equalsIgnoreCase("Host") && !header.getValue().isEmpty()) {
				headers.put(header.getKey(), header.getValue().get(0));
			}
		}
		return headers;
	}

	@Override
	public String toString() {
		return "BedrockSigV4[region=" + this.region + ", credentials=" + this.credentials.getClass().getSimpleName()
				+ "]";
	}

	/** A resolved identity and when it was resolved; never printed. */
	private record Cached(AwsCredentialsIdentity identity, Instant resolvedAt) {

		boolean freshAt(Instant now) {
			if (now.isAfter(this.resolvedAt.plus(REUSE))) {
				return false;
			}
			return this.identity.expirationTime().map((expiry) -> now.isBefore(expiry.minus(EXPIRY_MARGIN))).orElse(true);
		}

		@Override
		public String toString() {
			return "Cached[" + this.resolvedAt + "]";
		}

	}

}
