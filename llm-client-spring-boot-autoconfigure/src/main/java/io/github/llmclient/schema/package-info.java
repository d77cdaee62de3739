/** JSON Schemas generated from Java types, for tool parameters and typed answers. */
@NullMarked
package io.github.llmclient.schema;

import org.jspecify.annotations.NullMarked;
