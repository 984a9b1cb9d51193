package dev.vigil.respond.defender;

import java.net.URI;

/** The two resource APIs Vigil calls in a tenant, each with its own token audience. */
public enum DefenderApi {
    DEFENDER("https://api.securitycenter.microsoft.com/.default"),
    GRAPH("https://graph.microsoft.com/.default");

    private final String scope;

    DefenderApi(String scope) {
        this.scope = scope;
    }

    /** The one {@code .default} scope a client-credentials token for this API is requested with. */
    public String scope() {
        return scope;
    }

    URI root(DefenderProperties properties) {
        return this == DEFENDER ? properties.apiUrl() : properties.graphUrl();
    }
}
