package dev.vigil.access.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Security headers on every response, applied to each security filter chain as a
 * {@code Customizer<HttpSecurity>} bean. Spring Security writes them before any filter can answer, so
 * 401, 403 and 429 carry them too. HSTS only goes out on requests seen as secure (TLS, or a trusted proxy
 * saying {@code X-Forwarded-Proto: https}): on plain HTTP it would mean nothing, or lock a test host out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityHeadersConfiguration {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";

    @Bean
    Customizer<HttpSecurity> securityHeaders() {
        return http -> http.headers(
                headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .contentTypeOptions(Customizer.withDefaults())
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        // Default: no-cache, no-store, max-age=0, must-revalidate (and Pragma, Expires), unless a
                        // handler chose its own Cache-Control.
                        .cacheControl(Customizer.withDefaults())
                        .httpStrictTransportSecurity(
                                hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
    }
}
