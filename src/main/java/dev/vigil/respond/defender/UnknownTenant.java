package dev.vigil.respond.defender;

/** A tenant name that is not configured under {@code vigil.defender.tenants}. */
public final class UnknownTenant extends RuntimeException {

    public UnknownTenant(String tenant) {
        super("no Defender tenant '" + tenant + "' is configured");
    }
}
