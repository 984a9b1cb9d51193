package dev.vigil.ingest;

/** The input's format could not be recognised, or a format name given by the caller does not exist. */
public final class UnknownFormat extends RuntimeException {

    private UnknownFormat(String message) {
        super(message);
    }

    public static UnknownFormat undetectable(String why) {
        return new UnknownFormat("could not detect the input format (" + why
                + "); name it with format=defender|graph|suricata|zeek|sysmon|splunk");
    }

    public static UnknownFormat named(String name) {
        // Echo a little of what the caller sent, never all of it.
        String shown = name.length() <= 32 ? name : name.substring(0, 32) + "…";
        return new UnknownFormat(
                "unknown format '" + shown + "'; expected auto, defender, graph, suricata, zeek, sysmon or splunk");
    }
}
