package dev.vigil.access.web;

import dev.vigil.access.Permission;
import dev.vigil.access.PublicEndpoint;
import dev.vigil.access.RequiresPermission;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * What one handler method declares: a permission, open to all, or nothing (refused to everyone). The method's
 * own declaration wins over its class's.
 */
sealed interface EndpointRule {

    record Needs(Permission permission) implements EndpointRule {}

    record Open(String because) implements EndpointRule {}

    record Undeclared() implements EndpointRule {}

    static EndpointRule of(HandlerMethod handler) {
        EndpointRule onMethod = declared(
                AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresPermission.class),
                AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PublicEndpoint.class));
        if (!(onMethod instanceof Undeclared)) {
            return onMethod;
        }
        return declared(
                AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresPermission.class),
                AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PublicEndpoint.class));
    }

    private static EndpointRule declared(@Nullable RequiresPermission requires, @Nullable PublicEndpoint open) {
        if (requires != null && open != null) {
            // Both at once is a mistake; the stricter reading is the safe one.
            return new Needs(requires.value());
        }
        if (requires != null) {
            return new Needs(requires.value());
        }
        return open != null ? new Open(open.because()) : new Undeclared();
    }
}
