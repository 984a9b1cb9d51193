package dev.vigil.respond.defender.slack;

import dev.vigil.alert.Alert;
import dev.vigil.alert.Host;
import dev.vigil.respond.defender.DefenderProperties;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the Defender device an alert is about: the first host with a Defender device id, in a tenant Vigil
 * is configured for. Defender alerts carry the Entra tenant id ({@code aadTenantId}); alerts sent with a
 * tenant name carry that, so either matches. Nothing here calls Defender: it runs for every Slack message.
 */
final class DefenderTargets {

    /** Defender's device ids are 40 hex digits; anything else never reaches a button or a URL. */
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9a-fA-F]{40}");

    private final Map<String, DefenderProperties.Tenant> tenants;

    DefenderTargets(DefenderProperties properties) {
        this.tenants = properties.tenants();
    }

    Optional<DefenderTarget> of(Alert alert) {
        if (alert.tenant() == null) {
            return Optional.empty();
        }
        Optional<String> tenant = tenantOf(alert.tenant());
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        return alert.entities().hosts().stream()
                .filter(h -> h.defenderDeviceId() != null
                        && DEVICE_ID.matcher(h.defenderDeviceId()).matches())
                .findFirst()
                .map(h -> target(tenant.get(), h));
    }

    private Optional<String> tenantOf(String alertTenant) {
        if (tenants.containsKey(alertTenant)) {
            return Optional.of(alertTenant);
        }
        String wanted = alertTenant.toLowerCase(Locale.ROOT);
        return tenants.entrySet().stream()
                .filter(e -> e.getValue().tenantId().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst();
    }

    private static DefenderTarget target(String tenant, Host host) {
        return new DefenderTarget(tenant, host.defenderDeviceId().toLowerCase(Locale.ROOT), host.name());
    }
}
