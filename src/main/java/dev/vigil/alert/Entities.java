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
        // Created on first use: most records name only one or two kinds of entity.
        private @Nullable List<Host> hosts;
        private @Nullable List<UserAccount> users;
        private @Nullable List<NetworkConnection> network;
        private @Nullable List<ProcessInfo> processes;
        private @Nullable List<FileInfo> files;
        private @Nullable List<String> urls;
        private @Nullable List<String> domains;

        private Builder() {}

        public Builder host(@Nullable String name, @Nullable String ip, @Nullable String deviceId) {
            if (Text.blankToNull(name) != null || Text.blankToNull(ip) != null || Text.blankToNull(deviceId) != null) {
                hosts = addOnce(hosts, new Host(name, ip, deviceId));
            }
            return this;
        }

        public Builder user(@Nullable String name, @Nullable String domain, @Nullable String sid, boolean privileged) {
            if (Text.blankToNull(name) != null || Text.blankToNull(sid) != null) {
                users = addOnce(users, new UserAccount(name, domain, sid, privileged));
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
                network = addOnce(
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
                processes = addOnce(processes, new ProcessInfo(image, commandLine, parentImage, pid, hashes));
            }
            return this;
        }

        public Builder file(@Nullable String path, FileHashes hashes) {
            if (Text.blankToNull(path) != null || !hashes.hasNone()) {
                files = addOnce(files, new FileInfo(path, hashes));
            }
            return this;
        }

        public Builder url(@Nullable String url) {
            String value = Text.blankToNull(url);
            if (value != null) {
                urls = addOnce(urls, value);
            }
            return this;
        }

        public Builder domain(@Nullable String domain) {
            String value = Text.blankToNull(domain);
            if (value != null) {
                domains = addOnce(domains, value);
            }
            return this;
        }

        public Entities build() {
            return new Entities(
                    orNone(hosts),
                    orNone(users),
                    orNone(network),
                    orNone(processes),
                    orNone(files),
                    orNone(urls),
                    orNone(domains));
        }

        private static <T> List<T> addOnce(@Nullable List<T> list, T item) {
            List<T> items = list == null ? new ArrayList<>(2) : list;
            if (!items.contains(item)) {
                items.add(item);
            }
            return items;
        }

        private static <T> List<T> orNone(@Nullable List<T> list) {
            return list == null ? List.of() : list;
        }

        private static @Nullable Integer validPort(@Nullable Integer port) {
            return port != null && port >= 0 && port <= 65535 ? port : null;
        }
    }
}
