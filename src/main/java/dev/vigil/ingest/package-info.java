/** Turns what sensors send into canonical alerts: one parser per source format, format detection, HTTP ingest and file import. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"alert", "access"})
@org.jspecify.annotations.NullMarked
package dev.vigil.ingest;
