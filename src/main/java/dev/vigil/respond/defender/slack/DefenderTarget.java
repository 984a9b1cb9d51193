package dev.vigil.respond.defender.slack;

import org.jspecify.annotations.Nullable;

/** The device an alert's buttons act on: the configured tenant's name, its Defender device id and its name. */
record DefenderTarget(
        String tenant, String deviceId, @Nullable String deviceName) {

    /** How people know the device: its name when the alert gave one, else its id. */
    String label() {
        return deviceName != null ? deviceName : deviceId;
    }
}
