package dev.vigil.attack.catalogue;

import dev.vigil.attack.AttackCatalogue;
import dev.vigil.attack.Technique;
import dev.vigil.attack.TechniqueId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The compact catalogue Vigil ships and installs: one technique per line, tab-separated (id, name, tactics,
 * status, replaced-by), facts only, with MITRE's attribution in the header.
 */
public final class CatalogueFile {

    static final String VERSION = "# version\t";
    private static final String ATTRIBUTION = """
            # MITRE ATT&CK Enterprise techniques: ids, names, tactics, and what replaced retired ones.
            # Derived from MITRE's ATT&CK STIX bundle. ATT&CK (R) is (c) The MITRE Corporation and is used under
            # the ATT&CK Terms of Use (https://attack.mitre.org/resources/legal-and-branding/terms-of-use/).
            # columns: id, name, tactics, status, replaced_by
            """;

    private CatalogueFile() {}

    public static void write(AttackCatalogue catalogue, Writer out) throws IOException {
        out.write(ATTRIBUTION);
        out.write(VERSION + catalogue.version() + "\n");
        for (Technique t : catalogue.all()) {
            out.write(String.join(
                    "\t",
                    t.id().value(),
                    t.name(),
                    String.join(",", t.tactics()),
                    t.status().name().toLowerCase(Locale.ROOT),
                    t.replacedBy() == null ? "" : t.replacedBy().value()));
            out.write('\n');
        }
    }

    public static AttackCatalogue read(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String version = "unknown";
        List<Technique> techniques = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.startsWith(VERSION)) {
                version = line.substring(VERSION.length());
            } else if (!line.isBlank() && !line.startsWith("#")) {
                techniques.add(technique(line, number));
            }
        }
        return new AttackCatalogue(version, techniques);
    }

    private static Technique technique(String line, int number) throws IOException {
        String[] f = line.split("\t", -1);
        if (f.length != 5) {
            throw new IOException("catalogue line " + number + ": expected 5 tab-separated fields, found " + f.length);
        }
        try {
            return new Technique(
                    new TechniqueId(f[0]),
                    f[1],
                    f[2].isEmpty() ? List.of() : Arrays.asList(f[2].split(",")),
                    Technique.Status.valueOf(f[3].toUpperCase(Locale.ROOT)),
                    f[4].isEmpty() ? null : new TechniqueId(f[4]));
        } catch (IllegalArgumentException e) {
            throw new IOException("catalogue line " + number + ": " + e.getMessage(), e);
        }
    }
}
