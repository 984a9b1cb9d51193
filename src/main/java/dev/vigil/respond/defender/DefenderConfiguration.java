package dev.vigil.respond.defender;

import dev.vigil.respond.DefenderStatus;
import dev.vigil.respond.defender.approval.GatedOperation;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Defender stack: one JDK HTTP client for Entra ID, Defender and Graph, one token cache, and one
 * {@link DefenderHttp} that every Defender feature calls through, so that each tenant's quotas are counted
 * once across devices, actions, indicators, hunting and the rest.
 */
@Configuration(proxyBeanMethods = false)
class DefenderConfiguration {

    @Bean
    DefenderHealth defenderHealth() {
        return new DefenderHealth(Clock.systemUTC());
    }

    @Bean
    DefenderHttp defenderHttp(
            DefenderProperties properties,
            DefenderHealth health,
            @Value("${vigil.defender.page-size:10000}") int pageSize) {
        HttpClient http = httpClient(properties);
        EntraTokens tokens = new EntraTokens(properties, new JdkMsalHttp(http, properties.timeout()));
        return new DefenderHttp(properties, tokens, http, pageSize, health);
    }

    /** What the status endpoint shows of Defender: the last known state per tenant, never a call of its own. */
    @Bean
    DefenderStatus defenderStatus(
            DefenderProperties properties, DefenderHealth health, DefenderHttp http, JdbcTemplate jdbc) {
        return new DefenderStatusReport(properties, health, http, jdbc, Clock.systemUTC());
    }

    @Bean
    DefenderDevices defenderDevices(DefenderHttp http) {
        return new DefenderDevices(http);
    }

    @Bean
    DefenderIndicators defenderIndicators(DefenderHttp http) {
        return new DefenderIndicators(http);
    }

    @Bean
    GatedOperation indicatorImportGate(DefenderIndicators indicators) {
        return new IndicatorImportGate(indicators, Clock.systemUTC());
    }

    @Bean
    DefenderTenants defenderTenants(DefenderProperties properties) {
        return new DefenderTenants(properties.tenants().keySet());
    }

    static HttpClient httpClient(DefenderProperties properties) {
        return DefenderHttpClients.create(properties);
    }
}
