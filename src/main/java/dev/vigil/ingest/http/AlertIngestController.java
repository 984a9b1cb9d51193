package dev.vigil.ingest.http;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.AlertIntake;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.IntakeResult;
import dev.vigil.ingest.ParseContext;
import dev.vigil.ingest.PayloadTooLarge;
import dev.vigil.ingest.UnknownFormat;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/alerts}: one JSON object, a JSON array, NDJSON, or any other supported format. */
@RestController
class AlertIngestController {

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final AlertIntake intake;
    private final long maxRequestBytes;

    AlertIngestController(AlertIntake intake, IngestLimits limits) {
        this.intake = intake;
        this.maxRequestBytes = limits.maxRequestSize().toBytes();
    }

    @RequiresPermission(Permission.ALERTS_INGEST)
    @PostMapping(
            path = "/api/v1/alerts",
            consumes = {
                MediaType.APPLICATION_JSON_VALUE,
                "application/x-ndjson",
                "application/ndjson",
                "application/jsonl",
                MediaType.APPLICATION_XML_VALUE,
                MediaType.TEXT_XML_VALUE,
                MediaType.TEXT_PLAIN_VALUE,
                "text/tab-separated-values",
                MediaType.APPLICATION_OCTET_STREAM_VALUE
            })
    @ResponseStatus(HttpStatus.ACCEPTED)
    IntakeResult ingest(
            @RequestParam(defaultValue = "auto") String format,
            @RequestParam(required = false) @Nullable String tenant,
            HttpServletRequest request)
            throws IOException {
        SourceFormat chosen = format.equalsIgnoreCase("auto")
                ? null
                : SourceFormat.fromId(format).orElseThrow(() -> UnknownFormat.named(format));
        if (tenant != null && !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant must be 1-64 letters, digits, '.', '_' or '-'");
        }
        byte[] body = readBody(request);
        return intake.accept(body, chosen, new ParseContext(Instant.now(), tenant));
    }

    /** Reads at most the limit; a larger body is refused without being buffered whole. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxRequestBytes) {
            throw PayloadTooLarge.over(maxRequestBytes);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = request.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (body.size() + read > maxRequestBytes) {
                    throw PayloadTooLarge.over(maxRequestBytes);
                }
                body.write(buffer, 0, read);
            }
        }
        return body.toByteArray();
    }
}
