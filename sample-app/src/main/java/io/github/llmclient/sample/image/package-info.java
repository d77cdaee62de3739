/** Images in prompts: {@code POST /api/describe-image} with an uploaded image or an image URL. */
@NullMarked
package io.github.llmclient.sample.image;

import org.jspecify.annotations.NullMarked;
