package io.github.llmclient.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * AWS Bedrock settings ({@code llm.bedrock.*}); a named client inherits each unset value from the
 * top level.
 */
public class BedrockProperties {

	/**
	 * AWS region of the Bedrock endpoint, e.g. us-east-1. Default: the AWS default region chain
	 * (aws.region, AWS_REGION, the profile's region, instance metadata).
	 */
	private @Nullable String region;

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

}
