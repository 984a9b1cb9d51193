/** The picocli command line: serve, triage, import, apikey, users, … and defender (a client of a running Vigil). */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"alert", "ingest", "triage", "access", "attack", "notify", "notify::summary"})
@org.jspecify.annotations.NullMarked
package dev.vigil.cli;
