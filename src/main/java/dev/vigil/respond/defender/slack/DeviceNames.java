package dev.vigil.respond.defender.slack;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether the host an alert names is the device Defender knows by the alert's device id. Alerts are posted by
 * anyone holding an ingest key, so the name on the alert proves nothing; a click acts only when it agrees with
 * Defender's {@code computerDnsName}, so that the device isolated is the one the message showed.
 */
final class DeviceNames {

    private DeviceNames() {}

    /**
     * True when the alert names no host (nothing to contradict), or names Defender's DNS name, ignoring case,
     * or names its short host where Defender has the FQDN ({@code ws-042} for {@code ws-042.contoso.com}).
     * Not the other way round: an alert's FQDN is not shortened to fit, since its domain would be unchecked.
     */
    static boolean agree(@Nullable String alertHost, @Nullable String defenderName) {
        if (alertHost == null) {
            return true;
        }
        if (defenderName == null || defenderName.isBlank()) {
            return false;
        }
        String claimed = alertHost.strip().toLowerCase(Locale.ROOT);
        String known = defenderName.strip().toLowerCase(Locale.ROOT);
        if (claimed.isEmpty()) {
            return false;
        }
        if (claimed.equals(known)) {
            return true;
        }
        int dot = known.indexOf('.');
        return claimed.indexOf('.') < 0 && dot > 0 && claimed.equals(known.substring(0, dot));
    }
}
