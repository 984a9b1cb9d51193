package dev.vigil.ingest.parse;

import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;

/** The domain of a URL named in evidence, so triage can match domains whether or not the source named one. */
final class Urls {

    private Urls() {}

    static @Nullable String domainOf(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String value = url.trim();
        try {
            // Evidence often omits the scheme ("evil.example/x"); without one URI sees no host.
            URI uri = new URI(value.contains("://") ? value : "http://" + value);
            return uri.getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
