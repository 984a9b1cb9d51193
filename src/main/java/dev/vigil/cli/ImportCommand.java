package dev.vigil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigil import FILE...}: sends files to a running Vigil. Line-oriented files larger than one request
 * are sent in chunks cut at line ends (a Zeek header travels with every chunk).
 */
@Command(name = "import", description = "Send alert files to a running Vigil.")
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--url",
            defaultValue = "${VIGIL_URL:-http://localhost:8080}",
            description = "Vigil's address (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(
            names = "--api-key",
            defaultValue = "${VIGIL_API_KEY}",
            description = "API key; better given as VIGIL_API_KEY, out of shell history.")
    String apiKey;

    @Option(
            names = "--format",
            defaultValue = "auto",
            description = "auto, defender, graph, suricata, zeek, sysmon or splunk.")
    String format;

    @Option(
            names = "--chunk-size",
            defaultValue = "8388608",
            description = "Largest request body in bytes (default 8 MiB, under the server's 10 MB limit).")
    int chunkSize;

    @Parameters(paramLabel = "FILE", arity = "1..*")
    List<Path> files;

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (apiKey == null || apiKey.isBlank()) {
            err.println("vigil: no API key; set VIGIL_API_KEY or pass --api-key");
            return VigilCommandLine.INPUT_ERROR;
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ImportTally tally = new ImportTally();
        int exit = 0;
        for (Path file : files) {
            List<byte[]> chunks;
            try {
                chunks = Chunks.of(Files.readAllBytes(file), chunkSize);
            } catch (NoSuchFileException e) {
                err.println("vigil: " + file + ": no such file");
                exit = VigilCommandLine.INPUT_ERROR;
                continue;
            } catch (IOException | IllegalArgumentException e) {
                err.println("vigil: " + file + ": " + e.getMessage());
                exit = VigilCommandLine.INPUT_ERROR;
                continue;
            }
            Progress progress = new Progress(err, file.getFileName().toString(), chunks.size());
            for (byte[] chunk : chunks) {
                try {
                    send(http, chunk, file, tally, err);
                } catch (ConnectException e) {
                    progress.done();
                    err.println("vigil: cannot reach Vigil at " + url + " (is it running?)");
                    return 1;
                } catch (IOException e) {
                    err.println("vigil: " + file + ": " + e.getMessage());
                    exit = Math.max(exit, 1);
                }
                progress.step(tally.accepted);
            }
            progress.done();
        }
        out.printf(
                "Imported %d file(s): %d accepted, %d rejected%s%n",
                files.size(),
                tally.accepted,
                tally.rejected,
                tally.failedRequests > 0 ? ", " + tally.failedRequests + " request(s) refused" : "");
        if (tally.failedRequests > 0 && exit == 0) {
            exit = 1;
        }
        return exit;
    }

    private void send(HttpClient http, byte[] body, Path file, ImportTally tally, PrintWriter err)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(url.replaceAll("/+$", "") + "/api/v1/alerts?format=" + format))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = parse(response.body());
        JsonNode rejected = answer.path("rejected");
        if (response.statusCode() == 202) {
            tally.accepted += answer.path("accepted").asInt();
        } else {
            tally.failedRequests++;
            err.println("vigil: " + file + ": " + response.statusCode() + " "
                    + answer.path("detail").asString(response.body()));
        }
        for (JsonNode rejection : rejected) {
            tally.rejected++;
            if (tally.rejected <= 20) {
                String where = rejection.hasNonNull("line")
                        ? "line " + rejection.path("line").asInt()
                        : "record " + rejection.path("index").asInt();
                err.println("  " + file.getFileName() + " " + where + ": "
                        + rejection.path("error").asString(""));
            }
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }

    /** Running totals over all files. */
    private static final class ImportTally {
        long accepted;
        long rejected;
        int failedRequests;
    }

    /** Splits a file into request bodies at line ends; files that are not line-oriented go whole. */
    static final class Chunks {
        private Chunks() {}

        static List<byte[]> of(byte[] content, int limit) {
            if (content.length <= limit) {
                return List.of(content);
            }
            int start = 0;
            while (start < content.length
                    && (content[start] == ' ' || content[start] == '\n' || content[start] == '\r')) {
                start++;
            }
            if (start < content.length && (content[start] == '[' || content[start] == '<')) {
                throw new IllegalArgumentException("larger than one request (" + limit
                        + " bytes) and not line-oriented; split it into NDJSON or smaller files");
            }
            byte[] header = zeekHeader(content);
            List<byte[]> chunks = new ArrayList<>();
            int from = header.length;
            while (from < content.length) {
                int end = Math.min(content.length, from + limit - header.length);
                if (end < content.length) {
                    int newline = lastNewline(content, from, end);
                    if (newline < 0) {
                        throw new IllegalArgumentException("has a line longer than one request (" + limit + " bytes)");
                    }
                    end = newline + 1;
                }
                byte[] chunk = new byte[header.length + end - from];
                System.arraycopy(header, 0, chunk, 0, header.length);
                System.arraycopy(content, from, chunk, header.length, end - from);
                chunks.add(chunk);
                from = end;
            }
            return chunks;
        }

        /** The leading '#' lines of a Zeek TSV log, which every chunk needs to be read on its own. */
        private static byte[] zeekHeader(byte[] content) {
            int i = 0;
            while (i < content.length && content[i] == '#') {
                while (i < content.length && content[i] != '\n') {
                    i++;
                }
                i++;
            }
            return java.util.Arrays.copyOf(content, Math.min(i, content.length));
        }

        private static int lastNewline(byte[] content, int from, int end) {
            for (int i = end - 1; i >= from; i--) {
                if (content[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
