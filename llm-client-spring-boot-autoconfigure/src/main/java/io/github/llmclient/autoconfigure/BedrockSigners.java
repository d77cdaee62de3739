package io.github.llmclient.autoconfigure;

import java.util.Objects;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.provider.RequestAuth;
import io.github.llmclient.provider.bedrock.BedrockSigV4;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Makes the SigV4 signer of each Bedrock client without an API key: with the application's
 * {@link AwsCredentialsProvider} bean when it has one, else the AWS SDK's default credentials
 * chain (created once, on first need, and closed with the context). Exists only when the AWS
 * libraries are on the classpath.
 */
final class BedrockSigners implements BedrockAuth.Signers, DisposableBean {

	private final ObjectProvider<AwsCredentialsProvider> credentials;

	private @Nullable AwsCredentialsProvider defaultChain;

	BedrockSigners(ObjectProvider<AwsCredentialsProvider> credentials) {
		this.credentials = credentials;
	}

	@Override
	public RequestAuth create(ClientConfig config) {
		String region = Objects.requireNonNull(config.bedrockRegion(), "a Bedrock client has a region");
		return BedrockSigV4.create(credentials(), region);
	}

	private synchronized AwsCredentialsProvider credentials() {
		AwsCredentialsProvider provider = this.credentials.getIfAvailable();
		if (provider != null) {
			return provider;
		}
		if (this.defaultChain == null) {
			this.defaultChain = DefaultCredentialsProvider.builder().build();
		}
		return this.defaultChain;
	}

	@Override
	public synchronized void destroy() {
		if (this.defaultChain instanceof SdkAutoCloseable closeable) {
			closeable.close();
		}
	}

}
