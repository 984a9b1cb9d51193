package dev.vigil.access.web;

import dev.vigil.access.ApiKeys;
import dev.vigil.access.AuditLog;
import dev.vigil.access.Permission;
import dev.vigil.access.session.SessionSecurity;
import jakarta.servlet.DispatcherType;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Nothing is open but health, the sign-in pages and endpoints marked {@code @PublicEndpoint}: every other
 * request needs an API key or a dashboard session (which also needs its CSRF token on state-changing
 * requests), and a handler method runs only for callers holding the permission it declares.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ApiKeys keys,
            ProblemResponses problems,
            AuditLog audit,
            SessionSecurity sessions,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings)
            throws Exception {
        sessions.applyTo(http)
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        // Error pages of requests already authorised (or refused) on their way in.
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus")
                        .hasAuthority(Permission.METRICS_READ.authority())
                        .requestMatchers("/actuator/**")
                        .hasAuthority(Permission.STATUS_READ.authority())
                        // Everything else: what the handler method declares (EndpointPermissions).
                        .anyRequest()
                        .access(new EndpointPermissions(mappings)))
                // A signed request carries no session, and its signature is what CSRF protection stands in for.
                .csrf(csrf -> csrf.ignoringRequestMatchers(SignedRequests::matches))
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(keys, problems, audit), AnonymousAuthenticationFilter.class)
                // After authentication, before the authorisation decision: refusals are audited with the caller.
                .addFilterBefore(new RequestAuditFilter(audit), ExceptionTranslationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                            if (SessionSecurity.wantsSignInPage(request)) {
                                response.sendRedirect("/login");
                                return;
                            }
                            problems.write(
                                    response,
                                    HttpStatus.UNAUTHORIZED,
                                    "unauthenticated",
                                    "Unauthenticated",
                                    "send an API key as 'Authorization: Bearer <key>', or sign in");
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            if (e instanceof CsrfException) {
                                RequestAudits.csrfRefused(audit, request);
                                problems.write(
                                        response,
                                        HttpStatus.FORBIDDEN,
                                        "csrf",
                                        "CSRF token missing or wrong",
                                        "send the session's CSRF token in the X-CSRF-Token header or the _csrf form field");
                                return;
                            }
                            problems.write(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", deniedBecause(e));
                        }));
        return http.build();
    }

    private static String deniedBecause(AccessDeniedException e) {
        if (e instanceof AuthorizationDeniedException denied) {
            if (denied.getAuthorizationResult() instanceof EndpointPermissions.Denied missing) {
                return missing.reason();
            }
            if (denied.getAuthorizationResult() instanceof AuthorityAuthorizationDecision needed) {
                return "this request needs the permission "
                        + needed.getAuthorities().stream()
                                .map(a -> a.getAuthority().replaceFirst("^PERM_", ""))
                                .collect(Collectors.joining(" or "));
            }
        }
        return "your role does not allow this request";
    }

    /** No password users: this stops Spring Boot from generating one and printing its password. */
    @Bean
    UserDetailsService noPasswordUsers() {
        return new InMemoryUserDetailsManager();
    }
}
