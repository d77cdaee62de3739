package io.github.llmclient.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
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
 *
 * <p>
 * Each definition holds only the name (a factory method and one constructor argument, no
 * instance supplier), so that it can be processed ahead of time: the generated code keeps
 * the definitions, and every value of the client is still read from the bound properties
 * when the processed application starts. In a processed application this registrar only
 * checks that the configured names are the ones it was processed with.
 */
final class NamedClientsRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

	private static final String BEAN_NAME_SUFFIX = "LlmTemplate";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		Binder binder = Binder.get(this.environment);
		Map<String, ClientProperties> clients = binder
			.bind("llm.clients", Bindable.mapOf(String.class, ClientProperties.class))
			.orElse(Map.of());
		Map<String, GroupProperties> groups = binder
			.bind("llm.groups", Bindable.mapOf(String.class, GroupProperties.class))
			.orElse(Map.of());
		Set<String> names = new LinkedHashSet<>(clients.keySet());
		// a group whose name clashes with a client's fails in GroupConfigs, naming the property
		names.addAll(groups.keySet());
		boolean processedAheadOfTime = AotDetector.useGeneratedArtifacts();
		for (String name : names) {
			String beanName = name + BEAN_NAME_SUFFIX;
			if (registry.containsBeanDefinition(beanName)) {
				continue;
			}
			if (processedAheadOfTime) {
				throw unknownAheadOfTime(name, clients.containsKey(name));
			}
			registry.registerBeanDefinition(beanName, definition(name));
		}
	}

	/**
	 * The definition of a named client's template: {@link #template(LlmTemplates, String)} with
	 * the {@link LlmTemplates} bean autowired and the name as the only fixed argument.
	 */
	static RootBeanDefinition definition(String name) {
		RootBeanDefinition definition = new RootBeanDefinition(NamedClientsRegistrar.class);
		definition.setFactoryMethodName("template");
		definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(1, name);
		definition.setTargetType(LlmTemplate.class);
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		// LlmTemplates closes every client on shutdown
		definition.setDestroyMethodName("");
		return definition;
	}

	/**
	 * The template of a named client or group; the factory method of the definitions this
	 * registrar makes.
	 * @param templates every configured template
	 * @param name the client's or group's name
	 * @return its template
	 * @throws LlmConfigurationException when the name is no longer configured (an application
	 * processed ahead of time with a client that its run-time configuration has dropped)
	 */
	static LlmTemplate template(LlmTemplates templates, String name) {
		if (!templates.names().contains(name) && !templates.groupNames().contains(name)) {
			throw new LlmConfigurationException("llm.clients." + name,
					"the application was built with this client or group (llm.clients." + name + " or llm.groups."
							+ name + "), but it is not configured now",
					"Configure llm.clients." + name + " (or llm.groups." + name
							+ ") again, or process the application ahead of time again without it");
		}
		return templates.get(name);
	}

	private static LlmConfigurationException unknownAheadOfTime(String name, boolean client) {
		String property = (client ? "llm.clients." : "llm.groups.") + name;
		return new LlmConfigurationException(property,
				"this " + (client ? "client" : "group")
						+ " is not known to the application, which was processed ahead of time without it"
						+ " (which clients and groups exist is fixed at build time)",
				"Configure " + property + " when processing the application ahead of time (spring-boot:process-aot)"
						+ " and build it again, or remove " + property);
	}

}
