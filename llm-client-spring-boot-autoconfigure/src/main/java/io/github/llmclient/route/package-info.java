/**
 * Where a call goes besides its own client: the routing of a client group
 * ({@code llm.groups.*}) and the hand-over of a failed call to the fallback client
 * ({@code llm.fallback}). Internal: not an API.
 */
@NullMarked
package io.github.llmclient.route;

import org.jspecify.annotations.NullMarked;
