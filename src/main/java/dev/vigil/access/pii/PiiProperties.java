package dev.vigil.access.pii;

import dev.vigil.access.PiiField;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The PII vault's settings. The key itself is not here: it comes from {@code VIGIL_PII_KEY} and is read
 * once, so it never sits in a bean whose {@code toString} could reach a log.
 *
 * @param fields what is pseudonymised: user-name, email, host-name, internal-ip
 * @param atRest whether alerts are pseudonymised before they are stored (their raw payload then is no
 *     longer verbatim, and detection rules see tokens)
 * @param keyVersion written with every row; raise it with a new key so rows of the old one are recognised
 */
@ConfigurationProperties("vigil.pii")
record PiiProperties(
        @DefaultValue({"user-name", "email", "host-name", "internal-ip"})
        List<PiiField> fields,

        @DefaultValue("false") boolean atRest,
        @DefaultValue("1") int keyVersion) {}
