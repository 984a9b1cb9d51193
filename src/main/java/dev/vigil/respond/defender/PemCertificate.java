package dev.vigil.respond.defender;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A certificate credential from one PEM file: an unencrypted PKCS#8 RSA key and its certificate chain. */
final class PemCertificate {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemCertificate() {}

    static IClientCertificate read(Path path) throws IOException, GeneralSecurityException {
        String pem = Files.readString(path, StandardCharsets.US_ASCII);
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        Matcher block = BLOCK.matcher(pem);
        while (block.find()) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            switch (block.group(1)) {
                case "PRIVATE KEY" -> key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
                case "CERTIFICATE" ->
                    chain.add((X509Certificate)
                            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
                default -> throw new GeneralSecurityException("unsupported PEM block " + block.group(1));
            }
        }
        if (key == null || chain.isEmpty()) {
            throw new GeneralSecurityException("a PEM credential needs a 'PRIVATE KEY' and a 'CERTIFICATE' block");
        }
        return ClientCredentialFactory.createFromCertificateChain(key, chain);
    }
}
