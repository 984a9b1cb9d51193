/** API keys, roles, sessions, rate limits, the audit log and PII tokenisation. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
@org.jspecify.annotations.NullMarked
package dev.vigil.access;
