package io.github.llmclient.aot;

import java.io.IOException;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.PromptCache;
import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ReasoningEffort;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.Role;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.embedding.EmbeddingResponse;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.BeanUtils;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

class AotRuntimeHintsTests {

	private static final String AOT_FACTORIES = "META-INF/spring/aot.factories";

	@Test
	void everyEntryOfTheStartersAotFactoriesLoadsAndRegistersHints() throws Exception {
		Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(startersAotFactories()));
		assertThat(factories.stringPropertyNames()).isNotEmpty();
		for (String key : factories.stringPropertyNames()) {
			Class<?> factoryType = ClassUtils.forName(key, getClass().getClassLoader());
			String[] names = StringUtils.commaDelimitedListToStringArray(factories.getProperty(key));
			assertThat(names).as(key).isNotEmpty();
			for (String name : names) {
				Class<?> type = ClassUtils.forName(name.trim(), getClass().getClassLoader());
				assertThat(factoryType).as(name).isAssignableFrom(type);
				Object instance = BeanUtils.instantiateClass(ReflectionUtils.accessibleConstructor(type));
				if (instance instanceof RuntimeHintsRegistrar registrar) {
					RuntimeHints hints = new RuntimeHints();
					registrar.registerHints(hints, getClass().getClassLoader());
					assertThat(hints.reflection().typeHints().count() + hints.resources().resourcePatternHints().count())
						.as(name + " registers something")
						.isPositive();
				}
			}
		}
		List<String> registrars = Arrays.stream(StringUtils
			.commaDelimitedListToStringArray(factories.getProperty(RuntimeHintsRegistrar.class.getName())))
			.map(String::trim)
			.toList();
		assertThat(registrars).contains(WireTypesRuntimeHints.class.getName(),
				SchemaGeneratorRuntimeHints.class.getName(), ResourcesRuntimeHints.class.getName(),
				"io.github.llmclient.autoconfigure.LlmPropertiesRuntimeHints");
	}

	@Test
	void storedConversationTypesAreRegisteredForJacksonBinding() {
		RuntimeHints hints = wireTypeHints();
		for (Class<?> type : List.of(ChatMessage.class, ChatResponse.class, ChatRequest.class, ChatChunk.class,
				ToolCall.class, Usage.class, ReplayData.class, Reasoning.class, PromptCache.class,
				EmbeddingResponse.class)) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(type)
				.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(type.getName()).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ReflectionUtils.findMethod(ReplayData.class, "data"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ReflectionUtils.findMethod(ChatMessage.class, "replay"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ReflectionUtils.findMethod(Reasoning.class, "budgetTokens")))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(ReasoningEffort.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Role.class)).accepts(hints);
	}

	@Test
	void aSealedTypeAndEachOfItsRecordsAreRegistered() {
		RuntimeHints hints = wireTypeHints();
		assertThat(RuntimeHintsPredicates.reflection().onType(ContentPart.class)).accepts(hints);
		for (Class<?> part : ContentPart.class.getPermittedSubclasses()) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(part)
				.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(part.getName()).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ReflectionUtils.findMethod(ContentPart.Text.class, "text")))
			.accepts(hints);
	}

	@Test
	void packagePrivateWireRecordsOfEveryFormatAreRegistered() {
		RuntimeHints hints = wireTypeHints();
		for (String name : List.of("io.github.llmclient.provider.anthropic.AnthropicContentBlocks$ToolUseBlock",
				"io.github.llmclient.provider.anthropic.AnthropicContentBlocks$ImageSource",
				"io.github.llmclient.provider.anthropic.AnthropicRequestWriter$ToolDefinition")) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(TypeReference.of(name))
				.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(name).accepts(hints);
		}
	}

	@Test
	void aNewWireFormatPackageIsCoveredByConventionWithoutAnEdit() throws Exception {
		RuntimeHints hints = wireTypeHints();
		String fixture = "io.github.llmclient.provider.aotfixture.FixtureWireRecord";
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of(fixture))
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(fixture, "maxOutputTokens")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(fixture + "$Nested"))).accepts(hints);
	}

	@Test
	void classesThatJacksonNeverBindsAreLeftOut() {
		RuntimeHints hints = wireTypeHints();
		assertThat(RuntimeHintsPredicates.reflection().onType(LlmTemplate.class)).rejects(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("io.github.llmclient.provider.anthropic.AnthropicRequestWriter"))).rejects(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("io.github.llmclient.provider.StreamMapper"))).rejects(hints);
	}

	@Test
	void theSchemaGeneratorCanIntrospectTheSupertypesItWalks() {
		RuntimeHints hints = new RuntimeHints();
		new SchemaGeneratorRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (Class<?> type : List.of(Object.class, Record.class, Enum.class, java.util.OptionalInt.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
		}
	}

	@Test
	void resourcesUnderTheStartersOwnFolderAreIncluded() {
		RuntimeHints hints = new RuntimeHints();
		new ResourcesRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/llm-client/prices.json")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/other/prices.json")).rejects(hints);
	}

	private RuntimeHints wireTypeHints() {
		RuntimeHints hints = new RuntimeHints();
		new WireTypesRuntimeHints().registerHints(hints, getClass().getClassLoader());
		return hints;
	}

	/** This module's own file, not another jar's of the same name. */
	private URL startersAotFactories() throws IOException {
		URL root = WireTypesRuntimeHints.class.getProtectionDomain().getCodeSource().getLocation();
		return new URL(root, AOT_FACTORIES);
	}

}
