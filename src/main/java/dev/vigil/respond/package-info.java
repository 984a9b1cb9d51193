/** Microsoft Defender and Graph response toolkit: actions, approvals and playbooks. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"alert", "access", "notify"})
@org.jspecify.annotations.NullMarked
package dev.vigil.respond;
