/**
 * Google's Gemini wire format ({@code generateContent}), spoken by the Gemini API and by Vertex
 * AI, and the Google OAuth2 authorisation of Vertex AI.
 */
@NullMarked
package io.github.llmclient.provider.gemini;

import org.jspecify.annotations.NullMarked;
