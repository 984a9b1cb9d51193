package dev.vigil.web;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard page. A static shell: its script reads the session and alerts from the API, so the page
 * itself holds nothing of the user's. A browser that is not signed in is sent to the sign-in form first.
 */
@Controller
class DashboardController {

    private final String page = read("/web/dashboard.html");

    /** The dashboard shows alerts, so seeing it needs what reading them needs. */
    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    @RequiresPermission(Permission.ALERTS_READ)
    ResponseEntity<String> dashboard() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.TEXT_HTML)
                .body(page);
    }

    private static String read(String resource) {
        try (InputStream in = DashboardController.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
