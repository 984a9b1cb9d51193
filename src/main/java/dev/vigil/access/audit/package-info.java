/** The hash-chained, append-only audit log in PostgreSQL: writing, verifying, retention and the HTTP read side. */
@org.jspecify.annotations.NullMarked
package dev.vigil.access.audit;
