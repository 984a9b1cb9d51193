package dev.vigil.respond.defender.approval;

import dev.vigil.respond.defender.DefenderCalls;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApprovalProperties.class)
class ApprovalConfiguration {

    @Bean
    Approvals defenderApprovals(
            JdbcTemplate jdbc,
            ApprovalProperties properties,
            List<GatedOperation> operations,
            ApplicationEventPublisher events) {
        return new Approvals(new ApprovalStore(jdbc), properties, operations, events, Clock.systemUTC());
    }

    @Bean
    ApprovalGate defenderApprovalGate(Approvals approvals, DefenderCalls calls) {
        return new ApprovalGate(approvals, calls);
    }
}
