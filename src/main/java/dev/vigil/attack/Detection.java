package dev.vigil.attack;

import java.util.List;

/** A rule that matched an event, with the fields that made it match: the reason an analyst reads. */
public record Detection(DetectionRule rule, List<MatchedField> matched) {

    /** The native id of an alert raised from an event by rules starts with this, then the rule's id. */
    public static final String RAISED_ID_PREFIX = "sigma:";

    /** One line: {@code CommandLine contains -enc (powershell -enc SQBFAFgA...)}, fields joined by semicolons. */
    public String reason() {
        return matched.isEmpty()
                ? "rule matched"
                : String.join("; ", matched.stream().map(MatchedField::toString).toList());
    }
}
