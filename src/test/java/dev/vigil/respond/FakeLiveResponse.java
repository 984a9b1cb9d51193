package dev.vigil.respond;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FakeDefender}'s live response, as external-apis §2.5 describes it, registered as routes (consulted
 * before the built-in machine actions, and passing on every path and action id that is not its own):
 *
 * <ul>
 *   <li>{@code POST /api/machines/{id}/runliveresponse}: case-sensitive {@code Comment}, {@code Commands},
 *       {@code type}, {@code params}, {@code key}, {@code value}; commands ordered PutFile, RunScript, GetFile;
 *       scripts and files must be in the library (400 otherwise); one open session per device (400 {@code
 *       ActiveRequestAlreadyExists}); at most 25 open sessions (429) and 10 starts a minute (429 with {@code
 *       Retry-After}); 201 with a Pending {@code LiveResponse} MachineAction whose commands are Created.
 *   <li>{@code GET /api/machineactions/{id}}: each GET moves the session one step: Pending → InProgress, then
 *       one command Created → Completed (or Failed, which stops the rest and fails the session), then
 *       Succeeded. {@link #hold(boolean)} stops the steps.
 *   <li>{@code GET /api/machineactions/{id}/GetLiveResponseResultDownloadLink(index=n)}: a completed RunScript
 *       or GetFile command's link to the blob host, signed with {@link #SAS_SIGNATURE}, valid 30 minutes.
 *   <li>{@code GET /blob/...?...&sig=...}: the result, only with the right signature and no bearer token;
 *       {@link #stallResult} makes one dribble for a minute.
 *   <li>{@code GET /api/libraryfiles}: the library.
 * </ul>
 *
 * A RunScript result is Defender's JSON ({@code script_name}, {@code exit_code}, {@code script_output}, {@code
 * script_errors}); a GetFile result is the bytes of a file put on the device with {@link #deviceFile}; a GetFile
 * of a path not there fails.
 */
public final class FakeLiveResponse {

    /** The shared-access signature of the result links. Listed in test-secrets.txt: it must never be logged. */
    public static final String SAS_SIGNATURE = "fake-lr-sas-sig-0c7e3b91";

    private static final Pattern START = Pattern.compile("/api/machines/([^/?]+)/runliveresponse");
    private static final Pattern ACTION =
            Pattern.compile("/api/machineactions/([^/?]+)(?:/GetLiveResponseResultDownloadLink\\(index=([0-9]+)\\))?");
    private static final Pattern BLOB = Pattern.compile("/blob/lr/([^/]+)/([0-9]+)");
    private static final Set<String> FINAL = Set.of("Succeeded", "Failed", "TimeOut", "Cancelled");
    private static final List<String> ORDER = List.of("PutFile", "RunScript", "GetFile");
    private static final Map<String, String> KEY =
            Map.of("PutFile", "FileName", "RunScript", "ScriptName", "GetFile", "Path");

    private final FakeDefender fake;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, ObjectNode> library = new LinkedHashMap<>();
    private final Map<String, ObjectNode> sessions = new LinkedHashMap<>();
    private final Map<String, byte[]> results = new ConcurrentHashMap<>();
    private final Map<String, Map<String, byte[]>> deviceFiles = new ConcurrentHashMap<>();
    private final Map<String, Integer> exitCodes = new ConcurrentHashMap<>();
    private final Deque<Long> starts = new ArrayDeque<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<String> blobRequests = new CopyOnWriteArrayList<>();
    private final Set<String> stalled = ConcurrentHashMap.newKeySet();
    private volatile boolean hold;
    private volatile int perMinute = 10;

    public FakeLiveResponse(FakeDefender fake) {
        this.fake = fake;
        libraryFile("minidump.ps1", "Writes a process's minidump to a zip", true);
        libraryFile("triage.ps1", "Collects autoruns and recent logons", false);
        libraryFile("procdump64.exe", null, null);
        fake.route("/api/machines/", "mde", this::start);
        fake.route("/api/machineactions/", "mde", this::action);
        fake.route("/api/libraryfiles", "mde", this::libraryFiles);
        fake.route("/blob/", "none", this::blob);
    }

    /** Adds a library file; description and hasParameters may be left out, as Defender may. */
    public synchronized FakeLiveResponse libraryFile(
            String name, @Nullable String description, @Nullable Boolean hasParameters) {
        ObjectNode file = json.createObjectNode()
                .put("fileName", name)
                .put("creationTime", "2024-04-01T10:00:00Z")
                .put("createdBy", "soc-admin@contoso.com");
        if (description != null) file.put("description", description);
        if (hasParameters != null) file.put("hasParameters", hasParameters);
        library.put(name, file);
        return this;
    }

    /** A file on a device, for GetFile. */
    public FakeLiveResponse deviceFile(String machineId, String path, byte[] content) {
        deviceFiles.computeIfAbsent(machineId, m -> new ConcurrentHashMap<>()).put(path, content);
        return this;
    }

    /** The exit code a library script returns from now on (default 0). */
    public FakeLiveResponse exitCode(String script, int code) {
        exitCodes.put(script, code);
        return this;
    }

    /**
     * The blob host answers this command's result with its status and headers at once, then dribbles the body
     * a byte at a time over a minute: a host that stalls mid-download.
     */
    public FakeLiveResponse stallResult(String actionId, int index) {
        stalled.add(actionId + "/" + index);
        return this;
    }

    /** While held, sessions stay where they are on every GET. */
    public FakeLiveResponse hold(boolean hold) {
        this.hold = hold;
        return this;
    }

    /**
     * Defender's starts a minute. Several Vigil tenants in one test share this one fake tenant, so a test may
     * raise it; it is 10 otherwise.
     */
    public synchronized FakeLiveResponse perMinute(int perMinute) {
        this.perMinute = perMinute;
        return this;
    }

    /** The bodies of runliveresponse POSTs, as received. */
    public List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    /** The blob requests: method, path, and whether an Authorization header came along. */
    public List<String> blobRequests() {
        return List.copyOf(blobRequests);
    }

    /** Defender forgets a session: its action is a 404 from now on. */
    public synchronized FakeLiveResponse forget(String actionId) {
        sessions.remove(actionId);
        return this;
    }

    /** A session as the fake holds it now, or null. */
    public synchronized @Nullable JsonNode session(String actionId) {
        ObjectNode session = sessions.get(actionId);
        return session == null ? null : session.deepCopy();
    }

    /** Ends every open session (Cancelled) and forgets bodies, requests, exit codes and the minute's starts. */
    public synchronized void reset() {
        sessions.values().stream()
                .filter(s -> !FINAL.contains(s.path("status").asString()))
                .forEach(s -> s.put("status", "Cancelled"));
        starts.clear();
        bodies.clear();
        blobRequests.clear();
        exitCodes.clear();
        stalled.clear();
        hold = false;
        perMinute = 10;
    }

    private synchronized @Nullable ResponseDefinition start(Request request, String path) {
        Matcher start = START.matcher(path);
        if (!start.matches() || !"POST".equals(request.getMethod().getName())) {
            return null;
        }
        String machineId = start.group(1);
        JsonNode body;
        try {
            body = json.readTree(request.getBodyAsString());
        } catch (JacksonException e) {
            return fake.error(400, "InvalidRequestBody", "Request body is not valid JSON")
                    .build();
        }
        bodies.add(body);
        if (!fake.hasMachine(machineId)) {
            return fake.error(404, "ResourceNotFound", "Machine " + machineId + " was not found")
                    .build();
        }
        if (!body.path("Comment").isString() || body.path("Comment").asString().isBlank()) {
            return fake.error(400, "MissingRequiredParameter", "Comment is required")
                    .build();
        }
        JsonNode commands = body.path("Commands");
        if (!commands.isArray() || commands.isEmpty()) {
            return fake.error(400, "MissingRequiredParameter", "Commands is required")
                    .build();
        }
        String problem = commandsProblem(machineId, commands);
        if (problem != null) {
            return fake.error(400, "InvalidRequestBody", problem).build();
        }
        boolean busy = sessions.values().stream()
                .anyMatch(s -> s.path("machineId").asString().equals(machineId)
                        && !FINAL.contains(s.path("status").asString()));
        if (busy) {
            return fake.error(
                            400,
                            "ActiveRequestAlreadyExists",
                            "Live response session is already running on this machine")
                    .build();
        }
        long open = sessions.values().stream()
                .filter(s -> !FINAL.contains(s.path("status").asString()))
                .count();
        if (open >= 25) {
            return fake.error(429, "TooManyRequests", "Maximum of 25 concurrent live response sessions reached")
                    .withHeader("Retry-After", "60")
                    .build();
        }
        long now = System.nanoTime();
        while (!starts.isEmpty() && now - starts.peekFirst() > 60_000_000_000L) {
            starts.pollFirst();
        }
        if (starts.size() >= perMinute) {
            long wait = Math.max(1, (60_000_000_000L - (now - starts.peekFirst())) / 1_000_000_000L + 1);
            return fake.error(
                            429,
                            "TooManyRequests",
                            "API calls quota exceeded! maximum allowed " + perMinute + " per 00:01:00")
                    .withHeader("Retry-After", Long.toString(wait))
                    .build();
        }
        starts.addLast(now);
        return ResponseDefinitionBuilder.like(fake.jsonBody(entity(create(machineId, body))))
                .but()
                .withStatus(201)
                .build();
    }

    /** Defender's refusal of the commands, or null. */
    private @Nullable String commandsProblem(String machineId, JsonNode commands) {
        int last = 0;
        for (JsonNode command : commands) {
            String type = command.path("type").asString("");
            if (!ORDER.contains(type)) {
                return "Invalid command type: " + type;
            }
            if (ORDER.indexOf(type) < last) {
                return "Commands must be ordered PutFile, RunScript, GetFile";
            }
            last = ORDER.indexOf(type);
            if (!command.path("params").isArray()) {
                return "params is required";
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (JsonNode param : command.path("params")) {
                if (!param.path("key").isString() || !param.path("value").isString()) {
                    return "Each parameter needs key and value";
                }
                params.put(param.path("key").asString(), param.path("value").asString());
            }
            Set<String> allowed = type.equals("RunScript") ? Set.of("ScriptName", "Args") : Set.of(KEY.get(type));
            if (!allowed.containsAll(params.keySet())) {
                return "Unknown parameter for " + type + ": " + params.keySet();
            }
            String main = params.get(KEY.get(type));
            if (main == null || main.isBlank()) {
                return KEY.get(type) + " is required for " + type;
            }
            if (!type.equals("GetFile") && !library.containsKey(main)) {
                return "File '" + main + "' was not found in the live response library";
            }
        }
        return null;
    }

    private ObjectNode create(String machineId, JsonNode body) {
        String now = Instant.now().toString();
        ObjectNode action = json.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("type", "LiveResponse")
                .putNull("scope")
                .put("requestor", FakeDefender.CLIENT_ID)
                .put("requestSource", "PublicApi")
                .put("requestorComment", body.path("Comment").asString())
                .put("status", "Pending")
                .put("machineId", machineId)
                .put("computerDnsName", fake.machineName(machineId))
                .put("creationDateTimeUtc", now)
                .put("lastUpdateDateTimeUtc", now)
                .putNull("cancellationRequestor")
                .putNull("cancellationComment")
                .putNull("cancellationDateTimeUtc")
                .put("errorHResult", 0)
                .put("title", "Live response on " + fake.machineName(machineId))
                .putNull("relatedFileInfo");
        ArrayNode commands = action.putArray("commands");
        int index = 0;
        for (JsonNode command : body.path("Commands")) {
            commands.addObject()
                    .put("index", index++)
                    .putNull("startTime")
                    .putNull("endTime")
                    .put("commandStatus", "Created")
                    .set("errors", json.createArrayNode());
            ((ObjectNode) commands.get(commands.size() - 1)).set("command", command.deepCopy());
        }
        sessions.put(action.path("id").asString(), action);
        return action;
    }

    private synchronized @Nullable ResponseDefinition action(Request request, String path) {
        Matcher matcher = ACTION.matcher(path);
        if (!matcher.matches() || !"GET".equals(request.getMethod().getName())) {
            return null;
        }
        ObjectNode session = sessions.get(matcher.group(1));
        if (session == null) {
            return null; // FakeMachineActions' action, or none
        }
        if (matcher.group(2) == null) {
            advance(session);
            return fake.jsonBody(entity(session));
        }
        int index = Integer.parseInt(matcher.group(2));
        JsonNode command = session.path("commands").path(index);
        String key = session.path("id").asString() + "/" + index;
        if (command.isMissingNode()
                || !"Completed".equals(command.path("commandStatus").asString())
                || !results.containsKey(key)) {
            return fake.error(404, "ResourceNotFound", "No result for command " + index)
                    .build();
        }
        String expires = Instant.now().plusSeconds(1800).toString();
        ObjectNode body = json.createObjectNode()
                .put("@odata.context", fake.apiUrl() + "api/$metadata#Edm.String")
                .put(
                        "value",
                        fake.apiUrl() + "blob/lr/" + session.path("id").asString() + "/" + index
                                + "?sv=2019-02-02&st=" + encode(Instant.now().toString()) + "&se=" + encode(expires)
                                + "&sr=b&sp=r&sig=" + SAS_SIGNATURE);
        return fake.jsonBody(body);
    }

    /** One step of the session's lifecycle. */
    private void advance(ObjectNode session) {
        String status = session.path("status").asString();
        if (hold || FINAL.contains(status)) {
            return;
        }
        String now = Instant.now().toString();
        session.put("lastUpdateDateTimeUtc", now);
        if (status.equals("Pending")) {
            session.put("status", "InProgress");
            return;
        }
        for (JsonNode node : session.path("commands")) {
            ObjectNode command = (ObjectNode) node;
            if (!command.path("commandStatus").asString().equals("Created")) {
                continue;
            }
            command.put("startTime", now).put("endTime", now);
            String failure =
                    run(session.path("id").asString(), session.path("machineId").asString(), command);
            if (failure == null) {
                command.put("commandStatus", "Completed");
            } else {
                command.put("commandStatus", "Failed");
                command.putArray("errors").add(failure);
                session.put("status", "Failed");
            }
            return;
        }
        session.put("status", "Succeeded");
    }

    /** Runs a command on the device; its error, or null. */
    private @Nullable String run(String actionId, String machineId, ObjectNode command) {
        String type = command.path("command").path("type").asString();
        Map<String, String> params = new LinkedHashMap<>();
        for (JsonNode param : command.path("command").path("params")) {
            params.put(param.path("key").asString(), param.path("value").asString());
        }
        String key = actionId + "/" + command.path("index").asInt();
        switch (type) {
            case "RunScript" -> {
                String script = params.get("ScriptName");
                ObjectNode result = json.createObjectNode()
                        .put("script_name", script)
                        .put("exit_code", exitCodes.getOrDefault(script, 0))
                        .put("script_output", "ran " + script + " with '" + params.getOrDefault("Args", "") + "'")
                        .put("script_errors", "");
                results.put(key, json.writeValueAsString(result).getBytes(StandardCharsets.UTF_8));
                return null;
            }
            case "GetFile" -> {
                byte[] content = deviceFiles.getOrDefault(machineId, Map.of()).get(params.get("Path"));
                if (content == null) {
                    return "File not found: " + params.get("Path");
                }
                results.put(key, content);
                return null;
            }
            default -> {
                return null; // PutFile: the library file is on the device now; no result
            }
        }
    }

    private synchronized @Nullable ResponseDefinition libraryFiles(Request request, String path) {
        if (!path.equals("/api/libraryfiles")
                || !"GET".equals(request.getMethod().getName())) {
            return null;
        }
        ObjectNode body = json.createObjectNode().put("@odata.context", fake.apiUrl() + "api/$metadata#LibraryFiles");
        ArrayNode value = body.putArray("value");
        library.values().forEach(f -> value.add(f.deepCopy()));
        return fake.jsonBody(body);
    }

    /** The blob host: Azure Storage with a SAS, so a bearer token is refused and the signature must match. */
    private @Nullable ResponseDefinition blob(Request request, String path) {
        Matcher matcher = BLOB.matcher(path);
        if (!matcher.matches()) {
            return null;
        }
        boolean bearer = request.getHeader("Authorization") != null;
        blobRequests.add(request.getMethod().getName() + " " + path + (bearer ? " with Authorization" : ""));
        Map<String, String> query = FakeDefender.query(request.getUrl());
        if (bearer) {
            return blobError(400, "InvalidAuthenticationInfo");
        }
        if (!SAS_SIGNATURE.equals(query.get("sig"))
                || query.get("se") == null
                || Instant.parse(query.get("se")).isBefore(Instant.now())) {
            return blobError(403, "AuthenticationFailed");
        }
        String key = matcher.group(1) + "/" + matcher.group(2);
        byte[] content = results.get(key);
        if (content == null) {
            return blobError(404, "BlobNotFound");
        }
        ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", "application/octet-stream")
                .withBody(content);
        if (stalled.contains(key)) {
            answer.withChunkedDribbleDelay(content.length, 60_000);
        }
        return answer.build();
    }

    private static ResponseDefinition blobError(int status, String code) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code></Error>")
                .build();
    }

    private JsonNode entity(ObjectNode session) {
        return session.deepCopy().put("@odata.context", fake.apiUrl() + "api/$metadata#MachineActions/$entity");
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Every session's state, for assertions on what Defender saw. */
    public synchronized List<JsonNode> sessions() {
        return new ArrayList<>(
                sessions.values().stream().map(s -> (JsonNode) s.deepCopy()).toList());
    }
}
