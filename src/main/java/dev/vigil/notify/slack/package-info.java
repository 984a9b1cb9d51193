/** The Slack Web API and incoming-webhook client, and the Block Kit messages Vigil posts. */
@org.jspecify.annotations.NullMarked
package dev.vigil.notify.slack;
