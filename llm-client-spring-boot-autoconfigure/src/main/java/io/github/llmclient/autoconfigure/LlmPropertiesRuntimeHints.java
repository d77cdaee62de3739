package io.github.llmclient.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * Reflection hints for binding the {@code llm.*} properties: {@link LlmProperties} (which Boot
 * registers as a {@code @ConfigurationProperties} bean too) and the {@link ClientProperties} and
 * {@link GroupProperties} that {@link NamedClientsRegistrar} binds on its own with a
 * {@code Binder}. Nested groups are followed where they are inner classes or fields marked
 * {@code @NestedConfigurationProperty}. Also the failure analyzer that
 * {@code META-INF/spring.factories} names.
 */
class LlmPropertiesRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(LlmProperties.class, ClientProperties.class, GroupProperties.class)
			.registerHints(hints, classLoader);
		hints.reflection()
			.registerType(LlmConfigurationFailureAnalyzer.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
	}

}
