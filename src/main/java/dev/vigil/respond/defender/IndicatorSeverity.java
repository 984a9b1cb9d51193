package dev.vigil.respond.defender;

import org.jspecify.annotations.Nullable;

/** Defender's indicator {@code severity} values (external-apis §2.6). */
public enum IndicatorSeverity {
    Informational,
    Low,
    Medium,
    High;

    public static @Nullable IndicatorSeverity of(String name) {
        for (IndicatorSeverity severity : values()) {
            if (severity.name().equals(name)) {
                return severity;
            }
        }
        return null;
    }
}
