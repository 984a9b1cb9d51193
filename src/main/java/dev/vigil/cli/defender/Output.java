package dev.vigil.cli.defender;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * What a command prints: Vigil's JSON as is with {@code --json}, else a table or {@code name: value} lines. Text
 * that came from Defender is printed without control characters, so a device name cannot drive the terminal.
 */
final class Output {

    /** One column of a table: its header and how to read a row's cell. */
    record Column(String header, Function<JsonNode, String> cell) {

        static Column of(String header, String field) {
            return new Column(header, row -> text(row.path(field)));
        }
    }

    private static final int WIDEST_CELL = 60;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    void json(JsonNode body) {
        out.println(VigilApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    void line(String text) {
        out.println(clean(text));
    }

    /** Vigil's answer as is with {@code --json}, else the one line that sums it up. */
    void answer(JsonNode body, String summary) {
        if (json) {
            json(body);
        } else {
            line(summary);
        }
    }

    /** A remark beside the answer, on stderr so that the answer itself (also with --json) stays as it was. */
    void note(String text) {
        err.println(clean("vigil: note: " + text));
    }

    /** Rows of an array (or of a {@code value} array) as a table; {@code none} when there are none. */
    void table(JsonNode body, String none, List<Column> columns) {
        if (json) {
            json(body);
            return;
        }
        JsonNode rows = body.isArray() ? body : body.path("value");
        if (!rows.isArray() || rows.isEmpty()) {
            out.println(none);
            return;
        }
        List<List<String>> cells = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> line = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String cell = clean(columns.get(i).cell().apply(row));
                boolean last = i == columns.size() - 1;
                line.add(!last && cell.length() > WIDEST_CELL ? cell.substring(0, WIDEST_CELL - 1) + "…" : cell);
            }
            cells.add(line);
        }
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).header().length();
            for (List<String> line : cells) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        print(columns.stream().map(Column::header).toList(), widths);
        cells.forEach(line -> print(line, widths));
    }

    /**
     * A table of rows whose fields are not known in advance (hunting results, planned endpoints): the scalar
     * fields of the first row, in its order.
     */
    void anyTable(JsonNode body, String none) {
        if (json) {
            json(body);
            return;
        }
        JsonNode rows = body;
        for (String list : List.of("results", "value")) {
            if (body.path(list).isArray()) {
                rows = body.path(list);
            }
        }
        if (!rows.isArray()) {
            fields(body);
            return;
        }
        List<Column> columns = new ArrayList<>();
        if (!rows.isEmpty() && rows.get(0).isObject()) {
            for (String name : rows.get(0).propertyNames()) {
                columns.add(Column.of(name, name));
            }
        } else {
            columns.add(new Column("VALUE", Output::text));
        }
        table(rows, none, columns);
    }

    /** One object as {@code name: value} lines, nested values as compact JSON. */
    void fields(JsonNode body) {
        if (json || !body.isObject()) {
            json(body);
            return;
        }
        int width = 0;
        for (String name : body.propertyNames()) {
            width = Math.max(width, name.length());
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!field.getValue().isNull()) {
                out.println(clean(
                        String.format("%-" + (width + 1) + "s %s", field.getKey() + ":", text(field.getValue()))));
            }
        }
    }

    private void print(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(i == cells.size() - 1 ? cells.get(i) : pad(cells.get(i), widths[i]));
        }
        out.println(line.toString().stripTrailing());
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    /** A value as one line: text as is, arrays of scalars joined by ", ", anything else as compact JSON. */
    static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isValueNode()) {
            return value.asString();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isValueNode()) {
                    return value.toString();
                }
                items.add(item.asString());
            }
            return String.join(", ", items);
        }
        return value.toString();
    }

    /** The text with every control character (escape sequences, new lines) replaced by a space. */
    static String clean(String text) {
        StringBuilder cleaned = new StringBuilder(text.length());
        text.codePoints().forEach(c -> cleaned.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return cleaned.toString();
    }
}
