package dev.vigil.access.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Lockout of local accounts: {@code maxFailures} wrong passwords in a row lock the account for {@code lockout}. */
@ConfigurationProperties("vigil.access.login")
public record LoginProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration lockout) {

    public LoginProperties {
        if (maxFailures < 1 || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("vigil.access.login.max-failures and lockout must be positive");
        }
    }
}
