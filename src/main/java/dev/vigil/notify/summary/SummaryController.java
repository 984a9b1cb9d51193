package dev.vigil.notify.summary;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/reports/summary} and {@code …/summary/chart.png}: the daily summary's content and
 * chart for {@code [from, to)}. Without parameters: the last 24 hours; with only {@code from}: up to now;
 * with only {@code to}: the 24 hours before it.
 */
@RestController
class SummaryController {

    private static final Duration DEFAULT_LENGTH = Duration.ofHours(24);

    private final SummaryReports reports;
    private final SummaryChart chart;
    private final SummaryProperties properties;
    private final Clock clock;

    SummaryController(SummaryReports reports, SummaryChart chart, SummaryProperties properties) {
        this.reports = reports;
        this.chart = chart;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @RequiresPermission(Permission.REPORTS_READ)
    @GetMapping("/api/v1/reports/summary")
    SummaryReport summary(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        return reports.report(period(from, to, clock.instant()));
    }

    @RequiresPermission(Permission.REPORTS_READ)
    @GetMapping("/api/v1/reports/summary/chart.png")
    ResponseEntity<byte[]> chart(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        byte[] png = chart.png(period(from, to, clock.instant()), properties.zone());
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.noStore())
                .body(png);
    }

    /** The period the parameters name; refused (400) when unparsable, reversed or over 31 days. */
    static SummaryPeriod period(@Nullable String from, @Nullable String to, Instant now) {
        Instant end = to == null || to.isBlank() ? now : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_LENGTH) : instant("from", from);
        return new SummaryPeriod(start, end);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + name + "' must be an ISO-8601 instant such as 2026-11-23T08:00:00Z");
        }
    }
}
