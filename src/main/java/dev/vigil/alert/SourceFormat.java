package dev.vigil.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an alert came from: the source formats Vigil reads, each with the identifier used by {@code --format}
 * and {@code ?format=}, and {@link #HUNTING}, the rows of Vigil's own scheduled Defender hunts.
 */
public enum SourceFormat {
    DEFENDER("defender"),
    GRAPH("graph"),
    SURICATA("suricata"),
    ZEEK("zeek"),
    SYSMON("sysmon"),
    SPLUNK("splunk"),
    /** Raised by Vigil itself from advanced-hunting results; never sent by a sensor, so it has no parser. */
    HUNTING("hunting");

    private final String id;

    SourceFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<SourceFormat> fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst();
    }
}
