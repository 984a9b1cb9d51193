/** Slack messages, the notification outbox and the daily summary. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"alert", "triage", "access"})
@org.jspecify.annotations.NullMarked
package dev.vigil.notify;
