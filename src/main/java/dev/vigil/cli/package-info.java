/** The picocli command line: serve, triage, import, apikey, users. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"alert", "ingest", "triage", "access", "attack"})
@org.jspecify.annotations.NullMarked
package dev.vigil.cli;
