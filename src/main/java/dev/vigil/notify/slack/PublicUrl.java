package dev.vigil.notify.slack;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where users reach this Vigil ({@code vigil.public-url}), for links in messages that leave it. Its own
 * record because the key sits directly under {@code vigil.}, not under {@code vigil.slack.}.
 */
@ConfigurationProperties("vigil")
public record PublicUrl(
        @DefaultValue("http://localhost:8080") URI publicUrl) {

    /** The alert in Vigil's API; the dashboard has no page per alert yet. */
    public URI alert(String alertId) {
        String base = publicUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/alerts/" + alertId);
    }
}
