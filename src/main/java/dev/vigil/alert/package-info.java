/**
 * The canonical alert: one model every source format is parsed into, its severities and entities, and the
 * ports through which alerts are stored and queued. Depends on no other Vigil module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
@org.jspecify.annotations.NullMarked
package dev.vigil.alert;
