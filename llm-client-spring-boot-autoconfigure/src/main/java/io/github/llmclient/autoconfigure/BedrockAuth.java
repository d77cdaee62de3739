package io.github.llmclient.autoconfigure;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.Provider;
import io.github.llmclient.provider.RequestAuth;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Decides how a Bedrock client authenticates: a Bedrock API key ({@code llm.api-key}, sent as a
 * bearer token) or, without one, AWS Signature V4, whose libraries must then be on the classpath.
 */
final class BedrockAuth {

	static final String SIGNER_CLASS = "software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner";

	static final String CREDENTIALS_CLASS = "software.amazon.awssdk.auth.credentials.AwsCredentialsProvider";

	private BedrockAuth() {
	}

	/**
	 * Makes the SigV4 signer of a client; a type free of AWS classes, so that the context can ask
	 * for it when the AWS libraries are missing.
	 */
	@FunctionalInterface
	interface Signers {

		RequestAuth create(ClientConfig config);

	}

	/** Whether the client signs its requests: a Bedrock client with no key, neither as property nor as header. */
	static boolean signs(ClientConfig config) {
		return config.provider() == Provider.BEDROCK && config.apiKey() == null
				&& config.headers().keySet().stream().noneMatch((header) -> header.equalsIgnoreCase("Authorization"));
	}

	/**
	 * The signers, or a failure naming what to add.
	 * @param signers the signers, null when the AWS libraries are missing
	 * @param loader the application's class loader, to name the missing library
	 */
	static Signers signer(ClientConfig config, @Nullable Signers signers, @Nullable ClassLoader loader) {
		if (signers != null) {
			return signers;
		}
		String missing = !ClassUtils.isPresent(SIGNER_CLASS, loader) ? "software.amazon.awssdk:http-auth-aws"
				: !ClassUtils.isPresent(CREDENTIALS_CLASS, loader) ? "software.amazon.awssdk:auth"
						: "software.amazon.awssdk:http-auth-aws and software.amazon.awssdk:auth";
		String property = ClientConfig.DEFAULT_NAME.equals(config.name()) ? "llm.api-key"
				: "llm.clients." + config.name() + ".api-key";
		throw new LlmConfigurationException(property,
				"the bedrock provider without an API key signs requests with AWS Signature V4, which needs " + missing
						+ " on the classpath",
				"Add the dependency " + missing + " (versions from software.amazon.awssdk:bom), or set " + property
						+ " to a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK)");
	}

}
