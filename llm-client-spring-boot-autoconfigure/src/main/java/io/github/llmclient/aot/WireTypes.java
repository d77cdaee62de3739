package io.github.llmclient.aot;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.ClassMetadata;
import org.springframework.util.ClassUtils;

/**
 * Finds the types that Jackson reads or writes reflectively, by convention rather than by a list
 * of classes: every record, enum and sealed interface, and every type with a Jackson annotation,
 * in the {@linkplain #PACKAGES packages} of values and wire formats (sub-packages included). A new
 * wire format under {@code io.github.llmclient.provider.<format>} is covered without an edit here.
 *
 * <p>
 * Runs at build time only (ahead-of-time processing happens on a JVM), so scanning the classpath
 * costs the native image nothing.
 */
final class WireTypes {

	/**
	 * The packages, each with its sub-packages, whose types may be (de)serialised with Jackson:
	 * the public values ({@code chat}, {@code embedding}), every wire format
	 * ({@code provider.*}), batch jobs ({@code batch}) and the Actuator endpoint's descriptors.
	 * A package outside these that holds wire DTOs is added here.
	 */
	static final List<String> PACKAGES = List.of("io.github.llmclient.chat", "io.github.llmclient.embedding",
			"io.github.llmclient.provider", "io.github.llmclient.batch", "io.github.llmclient.autoconfigure.actuate");

	private static final String RECORD = "java.lang.Record";

	private static final String ENUM = "java.lang.Enum";

	private static final List<String> JACKSON_ANNOTATION_PACKAGES = List.of("com.fasterxml.jackson.annotation.",
			"tools.jackson.databind.annotation.");

	private WireTypes() {
	}

	/**
	 * The bound types in {@link #PACKAGES}, as seen through the given class loader.
	 * @param classLoader the application's class loader, or null for the default
	 * @return the types, in scan order
	 */
	static Set<Class<?>> find(@Nullable ClassLoader classLoader) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				// nested records (package-private wire DTOs inside a writer) are static, so independent
				return definition.getMetadata().isIndependent();
			}

		};
		scanner.setResourceLoader(new DefaultResourceLoader(classLoader));
		scanner.addIncludeFilter((reader, factory) -> isCandidate(reader.getClassMetadata())
				|| hasJacksonAnnotation(reader.getAnnotationMetadata().getAnnotationTypes()));
		Set<Class<?>> types = new LinkedHashSet<>();
		for (String pkg : PACKAGES) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
				Class<?> type = loadable(candidate.getBeanClassName(), classLoader);
				if (type == null) {
					continue;
				}
				// an interface only when Jackson meets it: sealed (its records are written by their
				// runtime type) or annotated (e.g. @JsonTypeInfo, read polymorphically)
				if (!type.isInterface() || type.isSealed()
						|| hasJacksonAnnotation(((AnnotatedBeanDefinition) candidate).getMetadata().getAnnotationTypes())) {
					types.add(type);
				}
			}
		}
		return types;
	}

	/**
	 * The class, or null when it refers to an optional library the application does not have
	 * (the AWS signer's records without the AWS SDK, say): such a type is never bound there, and
	 * introspecting it would fail the whole build.
	 */
	private static @Nullable Class<?> loadable(@Nullable String className, @Nullable ClassLoader classLoader) {
		try {
			Class<?> type = ClassUtils.resolveClassName(className, classLoader);
			type.getDeclaredFields();
			type.getDeclaredMethods();
			type.getDeclaredConstructors();
			if (type.isRecord()) {
				type.getRecordComponents();
			}
			return type;
		}
		catch (LinkageError | IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean isCandidate(ClassMetadata metadata) {
		return RECORD.equals(metadata.getSuperClassName()) || ENUM.equals(metadata.getSuperClassName())
				|| metadata.isInterface();
	}

	private static boolean hasJacksonAnnotation(Set<String> annotationTypes) {
		return annotationTypes.stream()
			.anyMatch((name) -> JACKSON_ANNOTATION_PACKAGES.stream().anyMatch(name::startsWith));
	}

}
