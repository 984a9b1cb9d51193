package dev.vigil.access.pii;

import dev.vigil.access.PiiPolicy;
import dev.vigil.access.PiiVault;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** The vault with its key, and the policy saying what is pseudonymised. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PiiProperties.class)
class PiiConfiguration {

    /** Used only when the risk model's list is missing from configuration: the private and local ranges. */
    private static final List<String> DEFAULT_INTERNAL_NETWORKS = List.of(
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "100.64.0.0/10",
            "fc00::/7",
            "fe80::/10",
            "::1/128");

    @Bean
    PiiVault piiVault(JdbcTemplate jdbc, PiiProperties properties, Environment environment) {
        Path dataDir = Path.of(environment.getProperty("vigil.data-dir", "./data"));
        byte[] master = PiiKeySource.masterKey(environment.getProperty("vigil.pii.key"), dataDir);
        try {
            return new JdbcPiiVault(jdbc, new PiiKeys(master, properties.keyVersion()));
        } finally {
            java.util.Arrays.fill(master, (byte) 0);
        }
    }

    @Bean
    PiiPolicy piiPolicy(PiiProperties properties, Environment environment) {
        List<String> internal = Binder.get(environment)
                .bind("vigil.triage.risk.internal-networks", Bindable.listOf(String.class))
                .orElse(DEFAULT_INTERNAL_NETWORKS);
        return new PiiPolicy(java.util.Set.copyOf(properties.fields()), properties.atRest(), internal);
    }
}
