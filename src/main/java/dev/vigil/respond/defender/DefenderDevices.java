package dev.vigil.respond.defender;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Devices in a tenant's Defender for Endpoint: list with an OData filter, get one, find by name prefix or IP
 * address, and who logged on to one.
 */
public final class DefenderDevices {

    /** Defender's page size maximum, and so the most one listing asks for. */
    public static final int MAX_TOP = 10_000;

    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final DefenderHttp http;

    public DefenderDevices(DefenderHttp http) {
        this.http = http;
    }

    /** Machines matching the OData {@code $filter} (null: all), at most {@code top}, across pages. */
    public List<Machine> list(String tenant, @Nullable String filter, int top, String requestId) {
        return http.list(tenant, "api/machines", filter, top, Machine.class, requestId);
    }

    /** Machines whose DNS name starts with the prefix (case-insensitive in Defender). */
    public List<Machine> findByNamePrefix(String tenant, String prefix, int top, String requestId) {
        return list(tenant, "startswith(computerDnsName," + OData.literal(prefix) + ")", top, requestId);
    }

    /** Machines whose last reported internal IP address is the one given. */
    public List<Machine> findByIp(String tenant, String ip, int top, String requestId) {
        if (!IP.matcher(ip).matches()) {
            throw new IllegalArgumentException("'ip' must be an IPv4 or IPv6 address");
        }
        return list(tenant, "lastIpAddress eq '" + ip + "'", top, requestId);
    }

    public Machine get(String tenant, String machineId, String requestId) {
        JsonNode body = http.send(call(tenant, "GET", "api/machines/" + checked(machineId), requestId));
        if (body == null) {
            throw new MalformedDefenderResponse(
                    tenant, "Defender answered a machine with no body", new IllegalStateException("empty"));
        }
        return http.read(tenant, body, Machine.class);
    }

    /** A short list Defender answers whole: one call, no paging. */
    public List<LogonUser> logonUsers(String tenant, String machineId, String requestId) {
        JsonNode body = http.send(call(tenant, "GET", "api/machines/" + checked(machineId) + "/logonusers", requestId));
        if (body == null || !body.path("value").isArray()) {
            throw new MalformedDefenderResponse(
                    tenant,
                    "Defender answered logon users without a 'value' array",
                    new IllegalStateException("no value"));
        }
        List<LogonUser> users = new java.util.ArrayList<>();
        body.path("value").forEach(item -> users.add(http.read(tenant, item, LogonUser.class)));
        return users;
    }

    private static DefenderHttp.Call call(String tenant, String method, String path, String requestId) {
        return new DefenderHttp.Call(
                tenant, DefenderApi.DEFENDER, DefenderQuota.GENERAL, method, path, null, requestId);
    }

    private static String checked(String machineId) {
        if (!DefenderMachineActions.MACHINE_ID.matcher(machineId).matches()) {
            throw new IllegalArgumentException("'id' must be a Defender device id or a computer DNS name");
        }
        return machineId;
    }
}
