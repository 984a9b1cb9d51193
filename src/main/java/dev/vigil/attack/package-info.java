/** MITRE ATT\&CK catalogue, Sigma rule engine, technique mapping and damage scores. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"alert"})
@org.jspecify.annotations.NullMarked
package dev.vigil.attack;
