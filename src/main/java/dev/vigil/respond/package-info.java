/**
 * Microsoft Defender and Graph response toolkit: actions, approvals and playbooks; and Defender alerts polled
 * into Vigil through ingest's intake (ingest does not depend on respond).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"alert", "access", "ingest"})
@org.jspecify.annotations.NullMarked
package dev.vigil.respond;
