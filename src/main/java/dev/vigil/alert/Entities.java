package dev.vigil.alert;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Everything an alert names: hosts, users, connections, processes, files, URLs and domains. */
public record Entities(
        List<Host> hosts,
        List<UserAccount> users,
        List<NetworkConnection> network,
        List<ProcessInfo> processes,
        List<FileInfo> files,
        List<String> urls,
        List<String> domains) {

    public static final Entities NONE =
            new Entities(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public Entities {
        hosts = List.copyOf(hosts);
        users = List.copyOf(users);
        network = List.copyOf(network);
        processes = List.copyOf(processes);
        files = List.copyOf(files);
        urls = List.copyOf(urls);
        domains = List.copyOf(domains);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects entities while a parser walks a record: duplicates are dropped and an entity whose
     * parts are all blank is skipped, since sources often repeat or leave fields empty. A record names a
     * handful of entities, so small lists searched linearly cost less than sets.
     */
    public static final class Builder {
        private final List<Host> hosts = new ArrayList<>(2);
        private final List<UserAccount> users = new ArrayList<>(2);
        private final List<NetworkConnection> network = new ArrayList<>(2);
        private final List<ProcessInfo> processes = new ArrayList<>(2);
        private final List<FileInfo> files = new ArrayList<>(2);
        private final List<String> urls = new ArrayList<>(2);
        private final List<String> domains = new ArrayList<>(2);

        private Builder() {}

        public Builder host(@Nullable String name, @Nullable String ip, @Nullable String deviceId) {
            if (Text.blankToNull(name) != null || Text.blankToNull(ip) != null || Text.blankToNull(deviceId) != null) {
                addOnce(hosts, new Host(name, ip, deviceId));
            }
            return this;
        }

        public Builder user(@Nullable String name, @Nullable String domain, @Nullable String sid, boolean privileged) {
            if (Text.blankToNull(name) != null || Text.blankToNull(sid) != null) {
                addOnce(users, new UserAccount(name, domain, sid, privileged));
            }
            return this;
        }

        public Builder connection(
                @Nullable String sourceIp,
                @Nullable Integer sourcePort,
                @Nullable String destinationIp,
                @Nullable Integer destinationPort,
                @Nullable String protocol,
                Direction direction) {
            if (Text.blankToNull(sourceIp) != null || Text.blankToNull(destinationIp) != null) {
                addOnce(
                        network,
                        new NetworkConnection(
                                sourceIp,
                                validPort(sourcePort),
                                destinationIp,
                                validPort(destinationPort),
                                protocol,
                                direction));
            }
            return this;
        }

        public Builder process(
                @Nullable String image,
                @Nullable String commandLine,
                @Nullable String parentImage,
                @Nullable Long pid,
                FileHashes hashes) {
            if (Text.blankToNull(image) != null || Text.blankToNull(commandLine) != null) {
                addOnce(processes, new ProcessInfo(image, commandLine, parentImage, pid, hashes));
            }
            return this;
        }

        public Builder file(@Nullable String path, FileHashes hashes) {
            if (Text.blankToNull(path) != null || !hashes.hasNone()) {
                addOnce(files, new FileInfo(path, hashes));
            }
            return this;
        }

        public Builder url(@Nullable String url) {
            String value = Text.blankToNull(url);
            if (value != null) {
                addOnce(urls, value);
            }
            return this;
        }

        public Builder domain(@Nullable String domain) {
            String value = Text.blankToNull(domain);
            if (value != null) {
                addOnce(domains, value);
            }
            return this;
        }

        public Entities build() {
            return new Entities(hosts, users, network, processes, files, urls, domains);
        }

        private static <T> void addOnce(List<T> list, T item) {
            if (!list.contains(item)) {
                list.add(item);
            }
        }

        private static @Nullable Integer validPort(@Nullable Integer port) {
            return port != null && port >= 0 && port <= 65535 ? port : null;
        }
    }
}
