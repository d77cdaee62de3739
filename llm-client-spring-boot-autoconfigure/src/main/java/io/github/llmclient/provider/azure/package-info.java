/** Azure OpenAI: OpenAI's wire format addressed by deployment, with Azure's URLs and {@code api-key} header. */
@NullMarked
package io.github.llmclient.provider.azure;

import org.jspecify.annotations.NullMarked;
