package io.github.llmclient.aot;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Reflection hints for the JSON Schema generator's own introspection (victools over classmate).
 * Resolving the members of any type, classmate walks its supertypes ({@link Record},
 * {@link Enum}, {@link Object}) and the optional wrappers the starter maps to their value types;
 * those must be registered for their members to be queried in a native image. The
 * application's own types (typed answers, tool parameters) are the application's to register,
 * e.g. with {@code @RegisterReflectionForBinding}.
 */
class SchemaGeneratorRuntimeHints implements RuntimeHintsRegistrar {

	private static final Class<?>[] INTROSPECTED = { Object.class, Record.class, Enum.class, Optional.class,
			OptionalInt.class, OptionalLong.class, OptionalDouble.class, Integer.class, Long.class, Double.class };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (Class<?> type : INTROSPECTED) {
			// a registered type can be queried for its members; nothing here is invoked reflectively
			hints.reflection().registerType(type);
		}
	}

}
