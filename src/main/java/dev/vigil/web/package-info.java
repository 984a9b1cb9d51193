/** REST endpoints and dashboard pages not owned by a single module, and the API's error mapping. */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"alert", "ingest", "triage", "access", "attack", "notify", "respond"})
@org.jspecify.annotations.NullMarked
package dev.vigil.web;
