/** Client-side rate limits: request and token budgets, and pauses the provider's headers announce. */
@NullMarked
package io.github.llmclient.ratelimit;

import org.jspecify.annotations.NullMarked;
