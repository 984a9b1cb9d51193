package dev.vigil.respond.defender.alerts;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.respond.defender.DefenderCalls;
import dev.vigil.respond.defender.DefenderEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/defender/{tenant}/alerts/poller}: where polling of the tenant's Defender alerts stands (last
 * poll, watermark, last error). Reads Vigil's own records only; audited like every Defender endpoint.
 */
@RestController
@DefenderEndpoint
class AlertPollerController {

    private final DefenderAlertPolling polling;
    private final DefenderCalls calls;

    AlertPollerController(DefenderAlertPolling polling, DefenderCalls calls) {
        this.polling = polling;
        this.calls = calls;
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping("/api/v1/defender/{tenant}/alerts/poller")
    ResponseEntity<AlertPollerStatus> status(
            @PathVariable String tenant, Authentication who, HttpServletRequest request) {
        DefenderCalls.Outcome<AlertPollerStatus> outcome = calls.run(
                who,
                request,
                "defender.alerts.poller",
                tenant,
                "defender:" + tenant,
                Map.of(),
                requestId -> polling.status(tenant));
        return outcome.ok();
    }
}
