/** Users stored in PostgreSQL: login names, roles, bcrypt password hashes, disabling. */
@org.jspecify.annotations.NullMarked
package dev.vigil.access.user;
