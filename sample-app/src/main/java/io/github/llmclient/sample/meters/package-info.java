/**
 * The page's live panel: {@code GET /api/meters/stream} reads the application's own meters once a
 * second and sends them as server-sent events.
 */
@NullMarked
package io.github.llmclient.sample.meters;

import org.jspecify.annotations.NullMarked;
