/** The PII vault: keyed pseudonyms, the AES-GCM encrypted mapping in PostgreSQL, and the detokenise endpoint. */
@org.jspecify.annotations.NullMarked
package dev.vigil.access.pii;
