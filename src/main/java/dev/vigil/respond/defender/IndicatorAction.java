package dev.vigil.respond.defender;

import org.jspecify.annotations.Nullable;

/**
 * Defender's indicator {@code action} values (external-apis §2.6). {@code Alert} and {@code AlertAndBlock} are
 * legacy but still accepted by Defender; {@code Audit} only with {@code generateAlert: true}.
 */
public enum IndicatorAction {
    Alert,
    Warn,
    Block,
    Audit,
    BlockAndRemediate,
    AlertAndBlock,
    Allowed;

    public static @Nullable IndicatorAction of(String name) {
        for (IndicatorAction action : values()) {
            if (action.name().equals(name)) {
                return action;
            }
        }
        return null;
    }
}
