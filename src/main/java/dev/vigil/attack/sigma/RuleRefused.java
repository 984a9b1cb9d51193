package dev.vigil.attack.sigma;

/** Why a rule cannot be compiled; the message is shown to whoever maintains the rules. */
public final class RuleRefused extends RuntimeException {

    private final boolean unrouted;

    public RuleRefused(String reason) {
        this(reason, false);
    }

    RuleRefused(String reason, boolean unrouted) {
        super(reason, null, false, false);
        this.unrouted = unrouted;
    }

    /** True when the rule is valid but Vigil has no event source for its log source yet. */
    public boolean unrouted() {
        return unrouted;
    }
}
