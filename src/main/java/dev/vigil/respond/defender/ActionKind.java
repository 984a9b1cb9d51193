package dev.vigil.respond.defender;

import java.util.Set;

/**
 * The device response actions Vigil starts (external-apis §2.3): the path Defender takes it at, the {@code
 * type} its MachineAction reports, and the scope key and values its body takes, if any.
 */
public enum ActionKind {
    ISOLATE("isolate", "Isolate", "IsolationType", Set.of("Full", "Selective")),
    UNISOLATE("unisolate", "Unisolate", null, Set.of()),
    SCAN("runAntiVirusScan", "RunAntiVirusScan", "ScanType", Set.of("Quick", "Full")),
    RESTRICT("restrictCodeExecution", "RestrictCodeExecution", null, Set.of()),
    UNRESTRICT("unrestrictCodeExecution", "UnrestrictCodeExecution", null, Set.of()),
    COLLECT("collectInvestigationPackage", "CollectInvestigationPackage", null, Set.of()),
    STOP_AND_QUARANTINE("StopAndQuarantineFile", "StopAndQuarantineFile", null, Set.of()),
    OFFBOARD("offboard", "Offboard", null, Set.of());

    private final String path;
    private final String type;
    private final String scopeKey;
    private final Set<String> scopes;

    ActionKind(String path, String type, String scopeKey, Set<String> scopes) {
        this.path = path;
        this.type = type;
        this.scopeKey = scopeKey;
        this.scopes = scopes;
    }

    String path() {
        return path;
    }

    /** Defender's MachineAction {@code type}. */
    public String type() {
        return type;
    }

    /** The body key carrying the scope ({@code IsolationType}, {@code ScanType}), or null when there is none. */
    String scopeKey() {
        return scopeKey;
    }

    Set<String> scopes() {
        return scopes;
    }

    static ActionKind ofType(String type) {
        for (ActionKind kind : values()) {
            if (kind.type.equals(type)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'type' must be one of Defender's machine action types");
    }
}
