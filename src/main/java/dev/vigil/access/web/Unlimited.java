package dev.vigil.access.web;

import jakarta.servlet.http.HttpServletRequest;

/** Requests no rate limit applies to: health, which load balancers and orchestrators poll. */
final class Unlimited {

    private Unlimited() {}

    static boolean matches(HttpServletRequest request) {
        String path = path(request);
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    /** The path inside the application, without the context path. */
    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context.isEmpty() || !uri.startsWith(context) ? uri : uri.substring(context.length());
    }
}
