package dev.vigil.access.web;

import dev.vigil.access.ApiKeys;
import dev.vigil.access.session.SessionSecurity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Nothing is open but health and the sign-in pages: every other endpoint needs an API key or a dashboard
 * session (which also needs its CSRF token on state-changing requests).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http, ApiKeys keys, ProblemResponses problems, SessionSecurity sessions) throws Exception {
        sessions.applyTo(http)
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems), AnonymousAuthenticationFilter.class)
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
                                problems.write(
                                        response,
                                        HttpStatus.FORBIDDEN,
                                        "csrf",
                                        "CSRF token missing or wrong",
                                        "send the session's CSRF token in the X-CSRF-Token header or the _csrf form field");
                                return;
                            }
                            problems.write(
                                    response,
                                    HttpStatus.FORBIDDEN,
                                    "forbidden",
                                    "Forbidden",
                                    "your role does not allow this request");
                        }));
        return http.build();
    }

    /** No password users: this stops Spring Boot from generating one and printing its password. */
    @Bean
    UserDetailsService noPasswordUsers() {
        return new InMemoryUserDetailsManager();
    }
}
