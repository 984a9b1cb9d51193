package dev.vigil.alert;

/** What to put in place of a piece of personal data found in an alert: a pseudonym, or the value itself to keep it. */
@FunctionalInterface
public interface PiiRewriter {

    String replace(PiiKind kind, String value);
}
