package dev.vigil.alert;

import org.jspecify.annotations.Nullable;

/** A machine named in an alert: by name, address, Defender device id, or any of them. */
public record Host(
        @Nullable String name,
        @Nullable String ip,
        @Nullable String defenderDeviceId) {

    public Host {
        name = Text.blankToNull(name);
        ip = Text.blankToNull(ip);
        defenderDeviceId = Text.blankToNull(defenderDeviceId);
        if (name == null && ip == null && defenderDeviceId == null) {
            throw new IllegalArgumentException("a host needs a name, an IP address or a device id");
        }
    }
}
