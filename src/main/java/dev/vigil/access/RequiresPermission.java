package dev.vigil.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an HTTP endpoint needs. Put it on every handler method (or its class); requests whose principal
 * lacks the permission get {@code 403}. An endpoint without it fails the endpoint × role matrix test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresPermission {
    Permission value();
}
