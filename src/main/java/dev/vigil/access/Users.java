package dev.vigil.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The users of Vigil. Login names are lower case, 1-64 of {@code [a-z0-9._@-]}; passwords have at least 12
 * characters and differ from the name, and are stored only as bcrypt hashes. Every method that changes a
 * user publishes {@link UserChanged}, so cached key checks of that user's keys are dropped at once.
 */
public interface Users {

    /**
     * @param password optional: a user without one cannot sign in with a password (keys or OpenID Connect)
     * @throws IllegalArgumentException for an unusable name, e-mail or password, or a name already taken
     */
    User create(String name, Role role, @Nullable String email, @Nullable String password);

    Optional<User> findByName(String name);

    Optional<User> findById(UUID id);

    List<User> list();

    /** Disabled users cannot sign in and their keys stop working. @throws UserNotFound */
    User disable(String name);

    /** @throws UserNotFound */
    User enable(String name);

    /** Keys of the user keep their own role but act with at most this one. @throws UserNotFound */
    User changeRole(String name, Role role);

    /** @throws UserNotFound @throws IllegalArgumentException when the password is too weak */
    User setPassword(String name, String password);

    /**
     * Links a Slack user to a Vigil user, so their clicks on Vigil's Slack buttons act as that user; a
     * Slack user has at most one link, and linking again moves it. @throws UserNotFound @throws
     * IllegalArgumentException for something that is not a Slack user id
     */
    User linkSlackUser(String slackUserId, String name);

    /** @return whether the Slack user was linked @throws IllegalArgumentException for a malformed id */
    boolean unlinkSlackUser(String slackUserId);

    /** The Vigil user a Slack user is linked to, disabled or not. */
    Optional<User> findBySlackUser(String slackUserId);
}
