package dev.vigil.respond.defender;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller that calls Defender or Graph: Defender's failures, an unknown tenant and a refused token
 * become the same problem documents on all of them ({@link DefenderProblemHandlers}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface DefenderEndpoint {}
