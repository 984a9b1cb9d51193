/** Dashboard sign-in: local accounts with lockout, sessions in PostgreSQL, CSRF protection, sign-out. */
@org.jspecify.annotations.NullMarked
package dev.vigil.access.session;
