package dev.vigil.alert;

import org.jspecify.annotations.Nullable;

/** A network flow named in an alert. */
public record NetworkConnection(
        @Nullable String sourceIp,
        @Nullable Integer sourcePort,
        @Nullable String destinationIp,
        @Nullable Integer destinationPort,
        @Nullable String protocol,
        Direction direction) {

    public NetworkConnection {
        sourceIp = Text.blankToNull(sourceIp);
        destinationIp = Text.blankToNull(destinationIp);
        protocol = Text.blankToNull(protocol);
        if (sourceIp == null && destinationIp == null) {
            throw new IllegalArgumentException("a connection needs a source or a destination address");
        }
        requirePort(sourcePort);
        requirePort(destinationPort);
    }

    private static void requirePort(@Nullable Integer port) {
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
