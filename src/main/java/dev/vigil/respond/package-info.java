/**
 * Microsoft Defender and Graph response toolkit: actions, approvals and playbooks; Defender alerts polled into
 * Vigil through ingest's intake (ingest does not depend on respond); Slack buttons and notices through notify's
 * SPIs (notify does not depend on respond).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"alert", "access", "ingest", "notify"})
@org.jspecify.annotations.NullMarked
package dev.vigil.respond;
