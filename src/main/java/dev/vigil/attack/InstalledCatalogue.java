package dev.vigil.attack;

import dev.vigil.attack.catalogue.CatalogueFile;
import dev.vigil.attack.catalogue.StixBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Which catalogue is in force: one installed by {@code vigil attack update} in the data directory, else the
 * one shipped in the jar.
 */
public final class InstalledCatalogue {

    static final String SHIPPED = "/attack/enterprise-attack.tsv";

    private InstalledCatalogue() {}

    public static Path location(Path dataDir) {
        return dataDir.resolve("attack").resolve("enterprise-attack.tsv");
    }

    public static AttackCatalogue load(Path dataDir) {
        Path installed = location(dataDir);
        try {
            if (Files.isRegularFile(installed)) {
                try (InputStream in = Files.newInputStream(installed)) {
                    return CatalogueFile.read(in);
                }
            }
            return shipped();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ATT&CK catalogue " + installed, e);
        }
    }

    public static AttackCatalogue shipped() throws IOException {
        try (InputStream in = InstalledCatalogue.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IOException("the ATT&CK catalogue is missing from the jar: " + SHIPPED);
            }
            return CatalogueFile.read(in);
        }
    }

    /** Reads a STIX bundle and installs its catalogue atomically, so a failed update leaves the old one. */
    public static AttackCatalogue install(Path bundle, Path dataDir) throws IOException {
        AttackCatalogue catalogue;
        try (InputStream in = Files.newInputStream(bundle)) {
            catalogue = StixBundle.read(in);
        }
        Path target = location(dataDir);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), "catalogue", ".tsv");
        try (Writer out = Files.newBufferedWriter(temporary)) {
            CatalogueFile.write(catalogue, out);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return catalogue;
    }
}
