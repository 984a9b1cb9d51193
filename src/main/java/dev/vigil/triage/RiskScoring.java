package dev.vigil.triage;

import dev.vigil.alert.AddressRanges;
import dev.vigil.alert.Alert;
import dev.vigil.alert.Host;
import dev.vigil.alert.NetworkConnection;
import dev.vigil.alert.ProcessInfo;
import dev.vigil.alert.Queue;
import dev.vigil.alert.RiskClass;
import dev.vigil.alert.Severity;
import dev.vigil.alert.UserAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code risk = min(200, (severity base + damage) × context multipliers)} with every term listed as a factor
 * an analyst can read ("external IP 203.0.113.9 ×1.2"). Each multiplier applies at most once.
 */
public final class RiskScoring {

    /** The damage an alert's techniques carry, and why. */
    public record Damage(int score, String factor) {}

    /** The score and the words for it. */
    public record Score(int risk, RiskClass riskClass, Queue queue, List<String> factors) {}

    private final RiskModel model;
    private final AddressRanges internal;

    public RiskScoring(RiskModel model) {
        this.model = model;
        this.internal = new AddressRanges(model.internalNetworks());
    }

    public Score score(Alert alert, Damage damage) {
        List<String> factors = new ArrayList<>();
        int base = base(alert.severity());
        factors.add("severity " + alert.severity() + ": base " + base);
        factors.add(damage.factor());
        double multiplier = 1;
        multiplier *= apply(factors, externalAddress(alert).map(ip -> "external IP " + ip), model.externalIp());
        multiplier *=
                apply(factors, privilegedUser(alert).map(user -> "privileged user " + user), model.privilegedUser());
        multiplier *= apply(factors, keyword(alert).map(word -> "high-risk keyword '" + word + "'"), model.keyword());
        multiplier *= apply(factors, criticalAsset(alert).map(host -> "critical asset " + host), model.criticalAsset());
        int risk = (int) Math.min(200, Math.round((base + damage.score()) * multiplier));
        boolean priority = risk >= model.priorityRisk() || damage.score() >= model.priorityDamage();
        return new Score(risk, classOf(risk), priority ? Queue.PRIORITY : Queue.STANDARD, factors);
    }

    /** Applies a multiplier when its condition was found, and says so. */
    private static double apply(List<String> factors, Optional<String> found, double multiplier) {
        if (found.isEmpty()) {
            return 1;
        }
        factors.add(found.get() + " ×" + multiplier);
        return multiplier;
    }

    int base(Severity severity) {
        Integer configured = model.severityBase().get(severity.name());
        if (configured != null) {
            return configured;
        }
        return switch (severity) {
            case INFO -> 0;
            case LOW -> 20;
            case MEDIUM -> 40;
            case HIGH -> 70;
            case CRITICAL -> 100;
        };
    }

    RiskClass classOf(int risk) {
        if (risk >= model.criticalThreshold()) {
            return RiskClass.CRITICAL;
        }
        if (risk >= model.highThreshold()) {
            return RiskClass.HIGH;
        }
        return risk >= model.mediumThreshold() ? RiskClass.MEDIUM : RiskClass.LOW;
    }

    private Optional<String> externalAddress(Alert alert) {
        List<String> addresses = new ArrayList<>();
        for (NetworkConnection c : alert.entities().network()) {
            addIfPresent(addresses, c.sourceIp());
            addIfPresent(addresses, c.destinationIp());
        }
        for (Host host : alert.entities().hosts()) {
            addIfPresent(addresses, host.ip());
        }
        return addresses.stream()
                .filter(ip -> internal.contains(ip).orElse(true).equals(false))
                .findFirst();
    }

    private Optional<String> privilegedUser(Alert alert) {
        for (UserAccount user : alert.entities().users()) {
            String name = user.name() == null ? user.sid() : user.name();
            if (user.privileged()) {
                return Optional.of(name);
            }
            if (user.name() != null
                    && model.privilegedAccounts().contains(user.name().toLowerCase(Locale.ROOT))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private Optional<String> keyword(Alert alert) {
        StringBuilder text = new StringBuilder(alert.title());
        if (alert.description() != null) {
            text.append('\n').append(alert.description());
        }
        for (ProcessInfo process : alert.entities().processes()) {
            text.append('\n').append(process.commandLine() == null ? "" : process.commandLine());
            text.append('\n').append(process.image() == null ? "" : process.image());
        }
        String lower = text.toString().toLowerCase(Locale.ROOT);
        return model.keywords().stream().filter(lower::contains).findFirst();
    }

    private Optional<String> criticalAsset(Alert alert) {
        for (Host host : alert.entities().hosts()) {
            if (host.name() != null) {
                String name = host.name().toLowerCase(Locale.ROOT);
                String shortName = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                if (model.criticalAssets().contains(name)
                        || model.criticalAssets().contains(shortName)) {
                    return Optional.of(host.name());
                }
            }
        }
        return Optional.empty();
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null) {
            list.add(value);
        }
    }
}
