package dev.vigil.respond.defender;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/defender/{tenant}/machines…}: Defender's devices for analysts. Every call is audited with
 * the request id Vigil sent to Defender ({@code client-request-id}), also returned as {@code
 * X-Defender-Request-Id}.
 */
@RestController
@DefenderEndpoint
class MachinesController {

    static final String REQUEST_ID = DefenderProblems.REQUEST_ID;

    private final DefenderDevices devices;
    private final DefenderCalls calls;

    MachinesController(DefenderDevices devices, DefenderCalls calls) {
        this.devices = devices;
        this.calls = calls;
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping("/api/v1/defender/{tenant}/machines")
    ResponseEntity<List<Machine>> list(
            @PathVariable String tenant,
            @RequestParam(required = false) @Nullable String filter,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String ip,
            @RequestParam(defaultValue = "100") int top,
            Authentication who,
            HttpServletRequest request) {
        if ((filter != null ? 1 : 0) + (name != null ? 1 : 0) + (ip != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("give at most one of 'filter', 'name' and 'ip'");
        }
        Map<String, String> details = new LinkedHashMap<>();
        if (filter != null) details.put("filter", DefenderCalls.shortened(filter));
        if (name != null) details.put("name", DefenderCalls.shortened(name));
        if (ip != null) details.put("ip", DefenderCalls.shortened(ip));
        return calls.run(who, request, "defender.machines.list", tenant, "defender:" + tenant, details, id -> {
                    if (name != null) return devices.findByNamePrefix(tenant, name, top, id);
                    if (ip != null) return devices.findByIp(tenant, ip, top, id);
                    return devices.list(tenant, filter, top, id);
                })
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping("/api/v1/defender/{tenant}/machines/{id}")
    ResponseEntity<Machine> machine(
            @PathVariable String tenant, @PathVariable String id, Authentication who, HttpServletRequest request) {
        return calls.run(
                        who,
                        request,
                        "defender.machines.get",
                        tenant,
                        "machine:" + id,
                        Map.of(),
                        requestId -> devices.get(tenant, id, requestId))
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping("/api/v1/defender/{tenant}/machines/{id}/logonusers")
    ResponseEntity<List<LogonUser>> logonUsers(
            @PathVariable String tenant, @PathVariable String id, Authentication who, HttpServletRequest request) {
        return calls.run(
                        who,
                        request,
                        "defender.machines.logonusers",
                        tenant,
                        "machine:" + id,
                        Map.of(),
                        requestId -> devices.logonUsers(tenant, id, requestId))
                .ok();
    }
}
