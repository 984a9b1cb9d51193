package dev.vigil.access.pii;

import dev.vigil.access.PiiField;
import dev.vigil.alert.AddressRanges;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Direction;
import dev.vigil.alert.Entities;
import dev.vigil.alert.FileHashes;
import dev.vigil.alert.PiiKind;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What pseudonymising costs in CPU, without the database (a value seen before costs no query): one token
 * (normalise + HMAC-SHA256 + base32), and one whole Defender-like alert (4 PII values, a 700-byte raw
 * payload) rewritten with tokens. See docs/benchmarks.md, section "PII pseudonyms".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PiiBenchmark {

    private final PiiKeys keys = new PiiKeys(new byte[32], 1);
    private final AddressRanges internal = new AddressRanges(List.of("10.0.0.0/8", "192.168.0.0/16"));
    private final Alert alert = alert();

    @Benchmark
    public String token() {
        return keys.token(PiiField.USER_NAME, PiiValues.normalise(PiiField.USER_NAME, "Alice.Example"));
    }

    @Benchmark
    public Alert rewriteAlert() {
        return alert.rewritePii(
                internal, (kind, value) -> keys.token(field(kind), PiiValues.normalise(field(kind), value)));
    }

    private static PiiField field(PiiKind kind) {
        return switch (kind) {
            case USER_NAME -> PiiField.USER_NAME;
            case EMAIL -> PiiField.EMAIL;
            case HOST_NAME -> PiiField.HOST_NAME;
            case INTERNAL_IP -> PiiField.INTERNAL_IP;
        };
    }

    private static Alert alert() {
        String raw = """
                {"id":"da638000000000000099_1","incidentId":42,"severity":"High","status":"New",\
                "category":"CredentialAccess","title":"Suspicious LSASS access by alice","description":\
                "A process on srv-db-01 opened lsass.exe for reading. The account alice@contoso.com ran it \
                from 10.1.2.3.","alertCreationTime":"2026-11-21T08:00:00Z","machineId":"7e4f5061",\
                "computerDnsName":"srv-db-01","relatedUser":{"userName":"alice","domainName":"CONTOSO"},\
                "evidence":[{"entityType":"Process","fileName":"procdump64.exe","filePath":"C:\\\\Users\\\\alice\\\\tools",\
                "processCommandLine":"procdump64.exe -ma lsass.exe C:\\\\Users\\\\alice\\\\l.dmp","accountName":"alice"},\
                {"entityType":"Ip","ipAddress":"203.0.113.9"},{"entityType":"Ip","ipAddress":"10.1.2.3"}]}""";
        return new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.DEFENDER,
                "da638000000000000099_1",
                Instant.now(),
                null,
                "Suspicious LSASS access by alice",
                "A process on srv-db-01 opened lsass.exe for reading. The account alice@contoso.com ran it from 10.1.2.3.",
                "High",
                Severity.HIGH,
                "CredentialAccess",
                Entities.builder()
                        .user("alice", "CONTOSO", null, false)
                        .host("srv-db-01", "10.1.2.3", "7e4f5061")
                        .connection("10.1.2.3", 50000, "203.0.113.9", 443, "tcp", Direction.OUTBOUND)
                        .process(
                                "C:\\Users\\alice\\tools\\procdump64.exe",
                                "procdump64.exe -ma lsass.exe C:\\Users\\alice\\l.dmp",
                                null,
                                null,
                                FileHashes.NONE)
                        .build(),
                null,
                raw);
    }
}
