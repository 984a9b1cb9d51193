package dev.vigil.notify.summary;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The summary's threat categories: the one table mapping ATT&amp;CK tactics (of the techniques triage
 * attached) and the source's own category text onto a handful of buckets an analyst reads at a glance.
 *
 * <p>Each alert is counted once, in the first category of this declaration order it matches (by any tactic
 * of any of its techniques, or by its source category matching the pattern, case-insensitively). The order
 * puts later, more damaging stages of an attack first: an alert showing both discovery and credential
 * access counts as credential access. Tactics not listed (initial-access, execution, defense-evasion,
 * collection, resource-development) and alerts matching nothing fall to {@link #OTHER}.
 */
public enum ThreatCategory {
    IMPACT("impact", List.of("impact"), "impact|ransom|wiper|destruct"),
    EXFILTRATION("exfiltration", List.of("exfiltration"), "exfiltrat|information leak|data loss"),
    COMMAND_AND_CONTROL("command-and-control", List.of("command-and-control"), "command.?and.?control|beacon"),
    LATERAL_MOVEMENT("lateral-movement", List.of("lateral-movement"), "lateral.?movement"),
    CREDENTIAL_ACCESS("credential-access", List.of("credential-access"), "credential|password|brute.?force"),
    MALWARE("malware", List.of(), "malware|trojan|virus|worm|backdoor|unwanted|exploit.?kit"),
    PERSISTENCE_PRIVILEGE(
            "persistence-privilege", List.of("persistence", "privilege-escalation"), "persistence|privilege"),
    RECONNAISSANCE("reconnaissance", List.of("reconnaissance", "discovery"), "recon|discovery|scan"),
    POLICY("policy", List.of(), "policy|privacy|compliance"),
    OTHER("other", List.of(), null);

    private final String id;
    private final List<String> tactics;
    private final @Nullable String sourcePattern;

    ThreatCategory(String id, List<String> tactics, @Nullable String sourcePattern) {
        this.id = id;
        this.tactics = tactics;
        this.sourcePattern = sourcePattern;
    }

    /** The name in JSON and in the CLI preview. */
    public String id() {
        return id;
    }

    /** ATT&amp;CK tactic short names (as in {@code alert.techniques[].tactics}) that put an alert here. */
    public List<String> tactics() {
        return tactics;
    }

    /** A PostgreSQL regular expression matched case-insensitively against {@code alert.category}; null: none. */
    public @Nullable String sourcePattern() {
        return sourcePattern;
    }
}
