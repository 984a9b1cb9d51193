/**
 * {@code vigil defender …}: the Defender response toolkit from the shell, as a thin HTTP client of a running
 * Vigil's {@code /api/v1/defender/{tenant}/…} API, so every call goes through the server's quotas, approvals
 * and audit.
 */
@org.jspecify.annotations.NullMarked
package dev.vigil.cli.defender;
