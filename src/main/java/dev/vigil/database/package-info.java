/**
 * Where Vigil keeps its data: an embedded PostgreSQL under the data directory by default, or a server
 * named by {@code VIGIL_DB_URL}. Infrastructure only; other modules see just the DataSource.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package dev.vigil.database;
