/** Turns what sensors send into canonical alerts: one parser per source format, format detection, HTTP ingest and file import. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"alert"})
@org.jspecify.annotations.NullMarked
package dev.vigil.ingest;
