package io.github.llmclient.autoconfigure;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

import static org.assertj.core.api.Assertions.assertThat;

class LlmPropertiesRuntimeHintsTests {

	private final RuntimeHints hints = hints();

	@Test
	void topLevelNamedClientAndGroupPropertiesCanBeBound() throws Exception {
		for (Class<?> type : List.of(LlmProperties.class, ClientProperties.class, GroupProperties.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(type.getDeclaredConstructor()))
				.as(type.getName())
				.accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ClientProperties.class, "setApiKey"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LlmProperties.class, "getClients"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(GroupProperties.class, "setStrategy"))
			.accepts(this.hints);
	}

	@Test
	void nestedGroupsCanBeBound() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(RetryProperties.class, "setInitialBackoff"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(RateLimitProperties.class, "setStore"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ProxyProperties.class, "setHost"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(CircuitBreakerProperties.class, "setWindow"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ClientProperties.Anthropic.class, "setVersion"))
			.accepts(this.hints);
	}

	@Test
	void everyTopLevelGroupClassIsMarkedNestedSoThatItsHintsAreRegistered() {
		// Boot follows an inner class on its own; a top-level group class needs the annotation
		List<String> unmarked = new ArrayList<>();
		for (Class<?> type = LlmProperties.class; type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				Class<?> fieldType = field.getType();
				if (fieldType.getPackageName().equals(getClass().getPackageName()) && fieldType.getDeclaringClass() == null
						&& !field.isAnnotationPresent(NestedConfigurationProperty.class)) {
					unmarked.add(type.getSimpleName() + "." + field.getName());
				}
			}
		}
		assertThat(unmarked).isEmpty();
	}

	@Test
	void theFailureAnalyzerCanBeCreated() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(LlmConfigurationFailureAnalyzer.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
	}

	private static RuntimeHints hints() {
		RuntimeHints hints = new RuntimeHints();
		new LlmPropertiesRuntimeHints().registerHints(hints, LlmPropertiesRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

}
