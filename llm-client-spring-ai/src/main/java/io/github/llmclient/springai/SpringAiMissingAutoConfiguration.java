package io.github.llmclient.springai;

import io.github.llmclient.autoconfigure.LlmConfigurationException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Fails at startup, naming the property and the artifact to add, when
 * {@code spring.ai.model.chat} asks for this module's models explicitly but Spring AI is not on
 * the classpath (unset, the module simply stays off).
 */
@AutoConfiguration
@ConditionalOnMissingClass("org.springframework.ai.chat.model.ChatModel")
@ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = LlmSpringAiAutoConfiguration.MODEL_PROPERTY_VALUE)
final class SpringAiMissingAutoConfiguration {

	@Bean
	static Object llmSpringAiMissing() {
		throw new LlmConfigurationException("spring.ai.model.chat",
				"is " + LlmSpringAiAutoConfiguration.MODEL_PROPERTY_VALUE
						+ " but Spring AI (org.springframework.ai:spring-ai-client-chat) is not on the classpath",
				"Add org.springframework.ai:spring-ai-client-chat (its version from org.springframework.ai:spring-ai-bom "
						+ "2.0.1), or remove spring.ai.model.chat");
	}

}
