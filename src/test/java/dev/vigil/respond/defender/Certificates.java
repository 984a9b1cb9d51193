package dev.vigil.respond.defender;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** Self-signed app certificates for the certificate-credential tests, made with the JDK's keytool. */
final class Certificates {

    private Certificates() {}

    static Path pkcs12(Path dir, String password) throws IOException, InterruptedException {
        Path store = dir.resolve("app-" + System.nanoTime() + ".p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "vigil",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        "CN=vigil-test-app",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        password,
                        "-keypass",
                        password)
                .redirectErrorStream(true)
                .start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed");
        }
        return store;
    }

    /** The PKCS12's key (PKCS#8) and certificate as one PEM file. */
    static Path pem(Path dir, Path pkcs12, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, password.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("vigil", password.toCharArray());
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        String pem = "-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n"
                + base64.encodeToString(store.getCertificate("vigil").getEncoded()) + "\n-----END CERTIFICATE-----\n";
        Path file = dir.resolve("app.pem");
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        return file;
    }
}
