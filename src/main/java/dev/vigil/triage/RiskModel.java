package dev.vigil.triage;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The risk model: {@code risk = min(200, (severity base + damage) × context multipliers)}, its class
 * thresholds and queue routing, and what counts as internal address space, a privileged account, a
 * high-risk keyword and a critical asset.
 *
 * @param severityBase base per severity (INFO, LOW, MEDIUM, HIGH, CRITICAL); missing ones keep their default
 * @param externalIp multiplier when an address outside {@code internalNetworks} is involved
 * @param privilegedUser multiplier when a privileged account is involved
 * @param keyword multiplier when a high-risk keyword appears in the title, description or a command line
 * @param criticalAsset multiplier when a host in {@code criticalAssets} is involved
 * @param internalNetworks CIDR ranges of the monitored network
 * @param privilegedAccounts account or group names treated as privileged, besides what the sensor says
 * @param criticalAssets host names (short or fully qualified) of critical assets
 */
@ConfigurationProperties("vigil.triage.risk")
public record RiskModel(
        @DefaultValue Map<String, Integer> severityBase,
        @DefaultValue("1.2") double externalIp,
        @DefaultValue("1.3") double privilegedUser,
        @DefaultValue("1.25") double keyword,
        @DefaultValue("1.5") double criticalAsset,

        @Nullable List<String> keywords,

        @Nullable List<String> internalNetworks,

        @Nullable List<String> privilegedAccounts,

        @DefaultValue List<String> criticalAssets,
        @DefaultValue("150") int criticalThreshold,
        @DefaultValue("100") int highThreshold,
        @DefaultValue("50") int mediumThreshold,
        @DefaultValue("100") int priorityRisk,
        @DefaultValue("70") int priorityDamage) {

    static final List<String> DEFAULT_KEYWORDS =
            List.of("mimikatz", "ransomware", "lsass", "cobalt strike", "sekurlsa", "psexec", "vssadmin delete");
    static final List<String> DEFAULT_INTERNAL_NETWORKS = List.of(
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "100.64.0.0/10",
            "fc00::/7",
            "fe80::/10",
            "::1/128");
    static final List<String> DEFAULT_PRIVILEGED_ACCOUNTS = List.of(
            "administrator",
            "administrators",
            "domain admins",
            "enterprise admins",
            "schema admins",
            "system",
            "root",
            "krbtgt");

    /** A list left unset takes its default; one set empty in configuration turns that check off. */
    public RiskModel {
        severityBase = Map.copyOf(severityBase);
        keywords = lowerCase(keywords == null ? DEFAULT_KEYWORDS : keywords);
        internalNetworks = List.copyOf(internalNetworks == null ? DEFAULT_INTERNAL_NETWORKS : internalNetworks);
        privilegedAccounts = lowerCase(privilegedAccounts == null ? DEFAULT_PRIVILEGED_ACCOUNTS : privilegedAccounts);
        criticalAssets = lowerCase(criticalAssets);
        for (double m : List.of(externalIp, privilegedUser, keyword, criticalAsset)) {
            if (m < 1 || m > 5) {
                throw new IllegalArgumentException("vigil.triage.risk multipliers must be within 1-5: " + m);
            }
        }
        if (!(mediumThreshold <= highThreshold && highThreshold <= criticalThreshold)) {
            throw new IllegalArgumentException("vigil.triage.risk thresholds must rise: medium <= high <= critical");
        }
    }

    private static List<String> lowerCase(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    /** The architecture's defaults, for offline use where no configuration is read. */
    public static RiskModel defaults() {
        return new RiskModel(Map.of(), 1.2, 1.3, 1.25, 1.5, null, null, null, List.of(), 150, 100, 50, 100, 70);
    }
}
