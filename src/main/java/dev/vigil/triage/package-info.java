/** Risk scoring, routing to the priority or standard queue, and the workers that triage queued alerts. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"alert", "attack", "access"})
@org.jspecify.annotations.NullMarked
package dev.vigil.triage;
