package dev.vigil.respond.defender.live;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The live-response sessions Vigil started, in {@code live_response_session} and {@code live_response_command}. */
final class LiveSessions {

    /** A session not yet ended, for the poller. */
    record Open(
            UUID id,
            String tenant,
            String machineId,
            @Nullable String actionId,
            Instant createdAt) {}

    /** A command whose result is still to be fetched. */
    record Pending(int index, LiveCommand.Type type, String target) {}

    /** A kept file's bytes, for download. */
    record FileBytes(String name, byte[] content, String sha256) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    LiveSessions(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Records a session about to be sent to Defender, if the tenant's limits allow it. Under a per-tenant lock,
     * so that two requests at once cannot both take the last place: an open session on the device is a {@link
     * MachineBusy}, {@code maxConcurrent} open sessions or no start left this minute a {@link TooManySessions}.
     */
    void reserve(
            UUID id,
            String tenant,
            String machineId,
            String requestedBy,
            LiveRequest request,
            JsonNode defenderCommands,
            int maxConcurrent,
            StartsPerMinute perMinute) {
        Timestamp now = now();
        tx.executeWithoutResult(s -> {
            jdbc.query(
                    "select pg_advisory_xact_lock(hashtext(?))",
                    (RowCallbackHandler) rs -> {},
                    "live-response:" + tenant);
            Long onMachine = jdbc.queryForObject(
                    "select count(*) from live_response_session where tenant = ? and machine_id = ? and ended_at is null",
                    Long.class,
                    tenant,
                    machineId);
            if (onMachine != null && onMachine > 0) {
                throw new MachineBusy("device " + machineId + " already has a live-response session open;"
                        + " Defender allows one per device");
            }
            Long open = jdbc.queryForObject(
                    "select count(*) from live_response_session where tenant = ? and ended_at is null",
                    Long.class,
                    tenant);
            if (open != null && open >= maxConcurrent) {
                throw new TooManySessions(
                        "tenant '" + tenant + "' has " + open + " live-response sessions open, the most allowed", 60);
            }
            perMinute.take(tenant);
            jdbc.update(
                    "insert into live_response_session (id, tenant, machine_id, requested_by, comment, commands,"
                            + " status, created_at, updated_at) values (?, ?, ?, ?, ?, cast(? as jsonb), 'Starting', ?, ?)",
                    id,
                    tenant,
                    machineId,
                    requestedBy,
                    request.comment(),
                    json.writeValueAsString(defenderCommands),
                    now,
                    now);
            List<LiveCommand> commands = request.commands();
            for (int i = 0; i < commands.size(); i++) {
                LiveCommand command = commands.get(i);
                jdbc.update(
                        "insert into live_response_command (session_id, command_index, type, target, args, status)"
                                + " values (?, ?, ?, ?, ?, 'Created')",
                        id,
                        i,
                        command.type().name(),
                        command.target(),
                        command.args());
            }
        });
    }

    /**
     * Defender accepted the session: its action id and first status. Defender's action id proves the session
     * runs, so a session given up meanwhile (its start outlived the lost-start cut-off) is open again, to be
     * polled and its results kept — unless another session holds the device by now, in which case Vigil cannot
     * hold both open and says so on this one.
     */
    void started(UUID id, LiveAction action) {
        tx.executeWithoutResult(s -> {
            Timestamp now = now();
            String tenant =
                    jdbc.queryForObject("select tenant from live_response_session where id = ?", String.class, id);
            // The lock reserve() takes, so that no new session on the device slips in while this one reopens.
            jdbc.query(
                    "select pg_advisory_xact_lock(hashtext(?))",
                    (RowCallbackHandler) rs -> {},
                    "live-response:" + tenant);
            int reopened = jdbc.update(
                    "update live_response_session s set action_id = ?, status = ?, error = null, ended_at = null,"
                            + " updated_at = ? where id = ? and not exists (select 1 from live_response_session o"
                            + " where o.tenant = s.tenant and o.machine_id = s.machine_id and o.ended_at is null"
                            + " and o.id <> s.id)",
                    action.id(),
                    action.status(),
                    now,
                    id);
            if (reopened == 0) {
                jdbc.update(
                        "update live_response_session set action_id = ?, status = ?, updated_at = ?, error = ?"
                                + " where id = ?",
                        action.id(),
                        action.status(),
                        now,
                        "Defender started action " + action.id() + " after Vigil gave the start up, and another"
                                + " session holds the device now: its results are not fetched",
                        id);
            }
            commands(id, action);
        });
    }

    /** Defender refused the session (or could not be asked): it ends at once and frees its place. */
    void refused(UUID id, String error) {
        Timestamp now = now();
        jdbc.update(
                "update live_response_session set status = 'Refused', error = ?, updated_at = ?, ended_at = ?"
                        + " where id = ? and ended_at is null",
                error,
                now,
                now,
                id);
    }

    /**
     * Claims the open sessions due a poll, those polled longest ago first: each is marked polled now, so that
     * another instance (or this one's next round) passes it over until {@code minAge} has gone by. Rows another
     * instance is claiming at this moment are skipped, never waited for. Every instance on the database thus
     * shares the polling, and each result is downloaded once.
     */
    List<Open> claimDue(int limit, Duration minAge) {
        Timestamp now = now();
        Timestamp cutoff = Timestamp.from(clock.instant().minus(minAge));
        List<Open> claimed = new ArrayList<>(jdbc.query(
                "update live_response_session set last_polled_at = ? where id in ("
                        + "select id from live_response_session where ended_at is null"
                        + " and (last_polled_at is null or last_polled_at <= ?)"
                        + " order by last_polled_at nulls first, created_at limit ? for update skip locked)"
                        + " returning id, tenant, machine_id, action_id, created_at",
                (rs, n) -> new Open(
                        rs.getObject("id", UUID.class),
                        rs.getString("tenant"),
                        rs.getString("machine_id"),
                        rs.getString("action_id"),
                        rs.getTimestamp("created_at").toInstant()),
                now,
                cutoff,
                limit));
        // 'returning' keeps no order: the oldest first, as chosen.
        claimed.sort(Comparator.comparing(Open::createdAt));
        return claimed;
    }

    /** What a poll saw: the session's status and each command's. */
    void observed(UUID id, LiveAction action) {
        tx.executeWithoutResult(s -> {
            Timestamp now = now();
            jdbc.update(
                    "update live_response_session set status = ?, updated_at = case when status = ? then updated_at"
                            + " else ? end, last_polled_at = ?, error = null where id = ? and ended_at is null",
                    action.status(),
                    action.status(),
                    now,
                    now,
                    id);
            commands(id, action);
        });
    }

    private void commands(UUID id, LiveAction action) {
        for (LiveAction.CommandState command : action.commands()) {
            jdbc.update(
                    "update live_response_command set status = ?, errors = cast(? as jsonb), started_at = ?,"
                            + " ended_at = ? where session_id = ? and command_index = ?",
                    command.commandStatus(),
                    json.writeValueAsString(command.errors()),
                    timestamp(command.startTime()),
                    timestamp(command.endTime()),
                    id,
                    command.index());
        }
    }

    /** Ends a session Defender no longer knows, keeping its last status and saying why. */
    void lost(UUID id, String error) {
        Timestamp now = now();
        jdbc.update(
                "update live_response_session set error = ?, updated_at = ?, last_polled_at = ?, ended_at = ?"
                        + " where id = ? and ended_at is null",
                error,
                now,
                now,
                now,
                id);
    }

    void pollFailed(UUID id, String error) {
        jdbc.update("update live_response_session set last_polled_at = ?, error = ? where id = ?", now(), error, id);
    }

    /** Completed scripts and file fetches whose result is not yet kept nor recorded as lost. */
    List<Pending> resultsToFetch(UUID id) {
        return jdbc.query(
                "select command_index, type, target from live_response_command where session_id = ?"
                        + " and status = 'Completed' and type in ('RunScript', 'GetFile') and script_output is null"
                        + " and exit_code is null and file_sha256 is null and result_error is null order by command_index",
                (rs, n) -> new Pending(
                        rs.getInt("command_index"),
                        LiveCommand.Type.valueOf(rs.getString("type")),
                        rs.getString("target")),
                id);
    }

    void keepScript(UUID id, int index, @Nullable Integer exitCode, @Nullable String output, @Nullable String errors) {
        jdbc.update(
                "update live_response_command set exit_code = ?, script_output = ?, script_errors = ?"
                        + " where session_id = ? and command_index = ?",
                exitCode,
                output == null ? "" : output,
                errors,
                id,
                index);
    }

    void keepFile(UUID id, int index, byte[] content, String sha256) {
        jdbc.update(
                "update live_response_command set file_content = ?, file_size = ?, file_sha256 = ?"
                        + " where session_id = ? and command_index = ?",
                content,
                (long) content.length,
                sha256,
                id,
                index);
    }

    void resultLost(UUID id, int index, String error) {
        jdbc.update(
                "update live_response_command set result_error = ? where session_id = ? and command_index = ?",
                error,
                id,
                index);
    }

    /** Ends the session with Defender's final status; true for the one call that ended it. */
    boolean end(UUID id, String status) {
        Timestamp now = now();
        return jdbc.update(
                        "update live_response_session set status = ?, updated_at = ?, ended_at = ?"
                                + " where id = ? and ended_at is null",
                        status,
                        now,
                        now,
                        id)
                == 1;
    }

    Optional<LiveSession> find(String tenant, String machineId, UUID id) {
        List<LiveSession> found = jdbc.query(
                "select id, tenant, machine_id, action_id, requested_by, comment, status, error, created_at,"
                        + " updated_at, ended_at from live_response_session where id = ? and tenant = ? and machine_id = ?",
                (rs, n) -> new LiveSession(
                        rs.getObject("id", UUID.class),
                        rs.getString("tenant"),
                        rs.getString("machine_id"),
                        rs.getString("action_id"),
                        rs.getString("requested_by"),
                        rs.getString("comment"),
                        rs.getString("status"),
                        rs.getString("error"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant(),
                        instant(rs.getTimestamp("ended_at")),
                        List.of()),
                id,
                tenant,
                machineId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        LiveSession session = found.get(0);
        List<LiveSession.Command> commands = jdbc.query(
                "select command_index, type, target, args, status, errors::text as errors, started_at, ended_at,"
                        + " exit_code, script_output, script_errors, file_size, file_sha256, result_error"
                        + " from live_response_command where session_id = ? order by command_index",
                this::command,
                id);
        return Optional.of(new LiveSession(
                session.id(),
                session.tenant(),
                session.machineId(),
                session.actionId(),
                session.requestedBy(),
                session.comment(),
                session.status(),
                session.error(),
                session.createdAt(),
                session.updatedAt(),
                session.endedAt(),
                commands));
    }

    Optional<FileBytes> file(String tenant, String machineId, UUID id, int index) {
        return jdbc
                .query(
                        "select c.target, c.file_content, c.file_sha256 from live_response_command c"
                                + " join live_response_session s on s.id = c.session_id"
                                + " where s.id = ? and s.tenant = ? and s.machine_id = ? and c.command_index = ?"
                                + " and c.file_content is not null",
                        (rs, n) -> new FileBytes(
                                fileName(rs.getString("target"), index),
                                rs.getBytes("file_content"),
                                rs.getString("file_sha256")),
                        id,
                        tenant,
                        machineId,
                        index)
                .stream()
                .findFirst();
    }

    private LiveSession.Command command(ResultSet rs, int n) throws SQLException {
        int index = rs.getInt("command_index");
        String type = rs.getString("type");
        String target = rs.getString("target");
        LiveSession.ScriptResult script = null;
        String output = rs.getString("script_output");
        Integer exitCode = (Integer) rs.getObject("exit_code");
        if (output != null || exitCode != null) {
            script = new LiveSession.ScriptResult(exitCode, output, rs.getString("script_errors"));
        }
        LiveSession.KeptFile file = null;
        if (rs.getString("file_sha256") != null) {
            file = new LiveSession.KeptFile(
                    fileName(target, index), rs.getLong("file_size"), rs.getString("file_sha256"));
        }
        List<String> errors = json.readValue(rs.getString("errors"), new TypeReference<List<String>>() {});
        return new LiveSession.Command(
                index,
                type,
                target,
                rs.getString("args"),
                rs.getString("status"),
                new ArrayList<>(errors),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("ended_at")),
                script,
                file,
                rs.getString("result_error"));
    }

    /** The download's name: the path's last part, in characters safe in a Content-Disposition header. */
    static String fileName(String path, int index) {
        String last = path.substring(path.lastIndexOf('\\') + 1);
        String safe = last.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isBlank() || safe.chars().allMatch(c -> c == '.') ? "file-" + index : safe;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
