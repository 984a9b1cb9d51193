package dev.vigil.attack;

import org.jspecify.annotations.Nullable;

/**
 * A rule that did not load, and why. {@code unrouted} rules are valid Sigma for a log source Vigil has no
 * events from yet (macOS, cloud audit logs, ETW providers); the rest are broken or unsupported.
 */
public record RuleProblem(
        String source, @Nullable String ruleId, @Nullable String title, String reason, boolean unrouted) {}
