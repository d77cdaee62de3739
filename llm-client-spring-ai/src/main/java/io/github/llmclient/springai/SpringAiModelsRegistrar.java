package io.github.llmclient.springai;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.autoconfigure.ClientProperties;
import io.github.llmclient.autoconfigure.GroupProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Defines the Spring AI model beans of the configured clients: {@link Chat} one
 * {@link LlmChatModel} per client and group ({@code <name>ChatModel}), {@link Embedding} one
 * {@link LlmEmbeddingModel} per client with an embedding model ({@code <name>EmbeddingModel});
 * the default client's is {@code @Primary}, each is qualified by its client's name, and a name
 * the application already uses is left to the application's bean. Each definition is a factory
 * method of {@link SpringAiModels} with the client's name as argument (no instance supplier, so
 * that it can be processed ahead of time).
 */
abstract class SpringAiModelsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	/** The bean name of the {@link SpringAiModels} factory. */
	static final String FACTORY = "llmSpringAiModels";

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Binder binder = Binder.get(this.environment);
		ClientProperties top = binder.bind("llm", ClientProperties.class).orElseGet(ClientProperties::new);
		Map<String, ClientProperties> clients = new LinkedHashMap<>();
		clients.put(ClientConfig.DEFAULT_NAME, top);
		clients.putAll(binder.bind("llm.clients", Bindable.mapOf(String.class, ClientProperties.class)).orElse(Map.of()));
		Set<String> groups = binder.bind("llm.groups", Bindable.mapOf(String.class, GroupProperties.class))
			.orElse(Map.of())
			.keySet();
		for (String name : names(clients, top, groups)) {
			String beanName = name + suffix();
			if (registry.containsBeanDefinition(beanName)) {
				continue;
			}
			RootBeanDefinition definition = new RootBeanDefinition(modelType());
			definition.setFactoryBeanName(FACTORY);
			definition.setUniqueFactoryMethodName(factoryMethod());
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			definition.setPrimary(ClientConfig.DEFAULT_NAME.equals(name));
			registry.registerBeanDefinition(beanName, definition);
		}
	}

	/** The names of the clients (and groups) that get a model, the default first. */
	abstract Set<String> names(Map<String, ClientProperties> clients, ClientProperties top, Set<String> groups);

	abstract String suffix();

	abstract Class<?> modelType();

	abstract String factoryMethod();

	/** A chat model per client and group. */
	static final class Chat extends SpringAiModelsRegistrar {

		@Override
		Set<String> names(Map<String, ClientProperties> clients, ClientProperties top, Set<String> groups) {
			Set<String> names = new LinkedHashSet<>(clients.keySet());
			names.addAll(groups);
			return names;
		}

		@Override
		String suffix() {
			return "ChatModel";
		}

		@Override
		Class<?> modelType() {
			return LlmChatModel.class;
		}

		@Override
		String factoryMethod() {
			return "chatModel";
		}

	}

	/** An embedding model per client with an embedding model, its own or inherited. */
	static final class Embedding extends SpringAiModelsRegistrar {

		@Override
		Set<String> names(Map<String, ClientProperties> clients, ClientProperties top, Set<String> groups) {
			Set<String> names = new LinkedHashSet<>();
			clients.forEach((name, client) -> {
				if (hasText(client.getEmbeddingModel()) || hasText(top.getEmbeddingModel())) {
					names.add(name);
				}
			});
			return names;
		}

		private static boolean hasText(@Nullable String value) {
			return value != null && !value.isBlank();
		}

		@Override
		String suffix() {
			return "EmbeddingModel";
		}

		@Override
		Class<?> modelType() {
			return LlmEmbeddingModel.class;
		}

		@Override
		String factoryMethod() {
			return "embeddingModel";
		}

	}

}
