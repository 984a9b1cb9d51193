/** Rate limits: token buckets in PostgreSQL, chosen per caller, role and endpoint. */
@org.jspecify.annotations.NullMarked
package dev.vigil.access.ratelimit;
