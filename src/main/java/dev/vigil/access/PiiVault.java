package dev.vigil.access;

import java.util.Optional;

/**
 * Deterministic, keyed pseudonyms for personal data, and the encrypted mapping back. The same value
 * (after normalising: case folded, IP addresses in canonical form) always gives the same token under the
 * same key, so correlation across alerts still works; another key gives unrelated tokens.
 */
public interface PiiVault {

    /**
     * The token for a value, stored in the vault before this returns (or with the caller's transaction).
     * A value that already is a token is returned as it is, so pseudonymising twice changes nothing.
     *
     * @throws IllegalArgumentException for an {@link PiiField#INTERNAL_IP} value that is no IP address
     */
    String pseudonymise(PiiField field, String value);

    /**
     * The (normalised) value a token stands for; empty when the vault has no such token.
     *
     * @throws PiiMappingUnreadable when the stored mapping does not decrypt: another key, or an altered row
     */
    Optional<String> detokenise(String token);
}
