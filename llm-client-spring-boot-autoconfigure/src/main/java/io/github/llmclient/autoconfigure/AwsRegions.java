package io.github.llmclient.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The AWS default region of a Bedrock client without {@code llm.bedrock.region}: the AWS SDK's
 * default region chain when {@code software.amazon.awssdk:regions} is on the classpath (system
 * property {@code aws.region}, {@code AWS_REGION}, the profile's region, instance metadata), else
 * the system property and the environment variables alone.
 */
final class AwsRegions {

	private static final String SDK_CHAIN = "software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain";

	private AwsRegions() {
	}

	static @Nullable String defaultRegion() {
		if (ClassUtils.isPresent(SDK_CHAIN, AwsRegions.class.getClassLoader())) {
			return SdkChain.region();
		}
		String region = System.getProperty("aws.region");
		if (region == null || region.isBlank()) {
			region = System.getenv("AWS_REGION");
		}
		if (region == null || region.isBlank()) {
			region = System.getenv("AWS_DEFAULT_REGION");
		}
		return (region == null || region.isBlank()) ? null : region.strip();
	}

	/** Loaded only when the SDK's regions module is present. */
	private static final class SdkChain {

		static @Nullable String region() {
			try {
				return software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain.builder()
					.build()
					.getRegion()
					.id();
			}
			catch (RuntimeException ex) {
				// SdkClientException: no region anywhere in the chain
				return null;
			}
		}

	}

}
