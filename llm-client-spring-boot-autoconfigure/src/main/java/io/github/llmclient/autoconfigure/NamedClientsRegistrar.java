package io.github.llmclient.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Registers one {@link LlmTemplate} bean per {@code llm.clients.<name>} and per
 * {@code llm.groups.<group>}, qualified by the name, so that
 * {@code @Qualifier("claude") LlmTemplate claude} injects it. The templates themselves are
 * built by the {@link LlmTemplates} bean.
 */
final class NamedClientsRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware, BeanFactoryAware {

	private Environment environment;

	private BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		Map<String, ClientProperties> clients = Binder.get(this.environment)
			.bind("llm.clients", Bindable.mapOf(String.class, ClientProperties.class))
			.orElse(Map.of());
		Map<String, GroupProperties> groups = Binder.get(this.environment)
			.bind("llm.groups", Bindable.mapOf(String.class, GroupProperties.class))
			.orElse(Map.of());
		Set<String> names = new LinkedHashSet<>(clients.keySet());
		// a group whose name clashes with a client's fails in GroupConfigs, naming the property
		names.addAll(groups.keySet());
		for (String name : names) {
			String beanName = name + "LlmTemplate";
			if (registry.containsBeanDefinition(beanName)) {
				continue;
			}
			RootBeanDefinition definition = new RootBeanDefinition(LlmTemplate.class,
					() -> this.beanFactory.getBean(LlmTemplates.class).get(name));
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			// LlmTemplates closes every client on shutdown
			definition.setDestroyMethodName("");
			registry.registerBeanDefinition(beanName, definition);
		}
	}

}
