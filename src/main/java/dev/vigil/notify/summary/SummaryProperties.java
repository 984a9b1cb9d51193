package dev.vigil.notify.summary;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vigil.summary.*}: when the daily summary runs (a Spring cron expression in {@code zone}) and
 * whether it runs on weekends.
 */
@ConfigurationProperties("vigil.summary")
public record SummaryProperties(String cron, ZoneId zone, WeekendPolicy weekends) {

    public SummaryProperties {
        cron = cron == null || cron.isBlank() ? "0 0 8 * * *" : cron;
        zone = zone == null ? ZoneId.of("UTC") : zone;
        weekends = weekends == null ? WeekendPolicy.SKIP : weekends;
    }
}
