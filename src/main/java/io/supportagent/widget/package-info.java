/** The shopper-facing widget API ({@code /widget/v1}), its CORS and conversation tokens, and {@code widget.js}. */
package io.supportagent.widget;
