package dev.vigil.access.user;

import dev.vigil.access.Role;
import dev.vigil.access.SlackUserIds;
import dev.vigil.access.User;
import dev.vigil.access.UserChanged;
import dev.vigil.access.UserNotFound;
import dev.vigil.access.Users;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/** Users in the {@code vigil_user} table; passwords as Spring Security delegating hashes ({@code {bcrypt}…}). */
@Repository
class JdbcUsers implements Users {

    private static final String COLUMNS =
            "id, name, email, role, password_hash is not null as has_password, created_at, disabled_at";

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Autowired
    JdbcUsers(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this(jdbc, events, Clock.systemUTC());
    }

    JdbcUsers(JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public User create(String name, Role role, @Nullable String email, @Nullable String password) {
        String login = LoginRules.name(name);
        String mail = LoginRules.email(email);
        if (password != null) {
            LoginRules.password(login, password);
        }
        UUID id = UUID.randomUUID();
        try {
            jdbc.update(
                    "insert into vigil_user (id, name, email, role, password_hash, created_at) values (?, ?, ?, ?, ?, ?)",
                    id,
                    login,
                    mail,
                    role.id(),
                    password == null ? null : passwords.encode(password),
                    Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("a user named " + login + " exists already");
        }
        return findById(id).orElseThrow();
    }

    @Override
    public Optional<User> findByName(String name) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from vigil_user where name = ?",
                        (rs, n) -> user(rs),
                        name.strip().toLowerCase(Locale.ROOT))
                .stream()
                .findFirst();
    }

    @Override
    public Optional<User> findById(UUID id) {
        return jdbc.query("select " + COLUMNS + " from vigil_user where id = ?", (rs, n) -> user(rs), id).stream()
                .findFirst();
    }

    @Override
    public List<User> list() {
        return jdbc.query("select " + COLUMNS + " from vigil_user order by name", (rs, n) -> user(rs));
    }

    @Override
    public User disable(String name) {
        return change(name, "disabled_at = coalesce(disabled_at, ?)", Timestamp.from(clock.instant()));
    }

    @Override
    public User enable(String name) {
        return change(name, "disabled_at = null");
    }

    @Override
    public User changeRole(String name, Role role) {
        return change(name, "role = ?", role.id());
    }

    @Override
    public User setPassword(String name, String password) {
        User user = findByName(name).orElseThrow(() -> UserNotFound.named(name));
        LoginRules.password(user.name(), password);
        return change(user.name(), "password_hash = ?", passwords.encode(password));
    }

    @Override
    public User linkSlackUser(String slackUserId, String name) {
        String slackUser = SlackUserIds.of(slackUserId);
        User user = findByName(name).orElseThrow(() -> UserNotFound.named(name));
        jdbc.update("""
                insert into slack_user_link (slack_user_id, user_id, linked_at) values (?, ?, ?)
                on conflict (slack_user_id) do update set user_id = excluded.user_id, linked_at = excluded.linked_at""", slackUser, user.id(), Timestamp.from(clock.instant()));
        return user;
    }

    @Override
    public boolean unlinkSlackUser(String slackUserId) {
        return jdbc.update("delete from slack_user_link where slack_user_id = ?", SlackUserIds.of(slackUserId)) > 0;
    }

    @Override
    public Optional<User> findBySlackUser(String slackUserId) {
        return jdbc
                .query(
                        "select " + COLUMNS
                                + " from vigil_user join slack_user_link on user_id = id where slack_user_id = ?",
                        (rs, n) -> user(rs),
                        SlackUserIds.of(slackUserId))
                .stream()
                .findFirst();
    }

    private User change(String name, String assignment, Object... values) {
        Object[] arguments = new Object[values.length + 1];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = name.strip().toLowerCase(Locale.ROOT);
        int changed = jdbc.update("update vigil_user set " + assignment + " where name = ?", arguments);
        if (changed == 0) {
            throw UserNotFound.named(name);
        }
        User user = findByName(name).orElseThrow(() -> UserNotFound.named(name));
        events.publishEvent(new UserChanged(user.id()));
        return user;
    }

    private static User user(ResultSet rs) throws SQLException {
        Timestamp disabled = rs.getTimestamp("disabled_at");
        return new User(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("email"),
                Role.fromId(rs.getString("role")).orElseThrow(),
                rs.getBoolean("has_password"),
                rs.getTimestamp("created_at").toInstant(),
                disabled == null ? null : disabled.toInstant());
    }
}
