package dev.vigil.respond.defender;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The two pieces of OData syntax Vigil writes into Defender's and Graph's URLs. */
public final class OData {

    private OData() {}

    /** A query-string value (a {@code $filter}), encoded with {@code %20} for spaces as OData expects. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An OData string literal, quotes included: a single quote inside is written twice. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
