package dev.vigil.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint that needs no API key or session because it authenticates its caller otherwise (a Slack
 * signature, the login form itself). Saying why is required: it is read in review and in the matrix test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicEndpoint {
    /** How the caller is authenticated instead, e.g. "Slack request signature". */
    String because();
}
