/**
 * One-pass readers of JSON bytes shared by the wire formats' hot paths: a scanner of a strict
 * subset of JSON that gives up on anything else (the caller then reads the same bytes with
 * Jackson), and embedding vectors read as floats. Public only so that the wire-format packages
 * can share them; not an API.
 */
@NullMarked
package io.github.llmclient.provider.json;

import org.jspecify.annotations.NullMarked;
