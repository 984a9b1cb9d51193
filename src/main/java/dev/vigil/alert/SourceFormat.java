package dev.vigil.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The source formats Vigil reads, each with the identifier used by {@code --format} and {@code ?format=}. */
public enum SourceFormat {
    DEFENDER("defender"),
    GRAPH("graph"),
    SURICATA("suricata"),
    ZEEK("zeek"),
    SYSMON("sysmon"),
    SPLUNK("splunk");

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
