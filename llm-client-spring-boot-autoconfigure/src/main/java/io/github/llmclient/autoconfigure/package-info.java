/** Spring Boot auto-configuration: {@code llm.*} properties, their validation, and the beans. */
@NullMarked
package io.github.llmclient.autoconfigure;

import org.jspecify.annotations.NullMarked;
