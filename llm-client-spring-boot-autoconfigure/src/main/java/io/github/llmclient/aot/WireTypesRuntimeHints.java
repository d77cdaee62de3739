package io.github.llmclient.aot;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Reflection hints for Jackson binding of the starter's values and wire DTOs: the public records
 * an application stores ({@code ChatMessage}, {@code ChatResponse}, {@code ReplayData},
 * {@code Reasoning}, {@code PromptCache}, ...), the sealed {@code ContentPart} and its records,
 * and every wire format's package-private records, found by {@link WireTypes}' convention.
 */
class WireTypesRuntimeHints implements RuntimeHintsRegistrar {

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		Set<Class<?>> types = WireTypes.find(classLoader);
		this.bindingRegistrar.registerReflectionHints(hints.reflection(), types.toArray(Class<?>[]::new));
		for (Class<?> type : types) {
			if (type.isSealed()) {
				// Jackson finds the subtypes of a sealed type through getPermittedSubclasses()
				this.bindingRegistrar.registerReflectionHints(hints.reflection(), type.getPermittedSubclasses());
			}
		}
	}

}
