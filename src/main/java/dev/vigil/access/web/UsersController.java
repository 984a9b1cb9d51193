package dev.vigil.access.web;

import dev.vigil.access.AccessAdministration;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.User;
import dev.vigil.access.Users;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/users}: list and create users, change a user's role or disable them. */
@RestController
@RequiresPermission(Permission.USERS_MANAGE)
class UsersController {

    private final Users users;
    private final AccessAdministration administration;

    UsersController(Users users, AccessAdministration administration) {
        this.users = users;
        this.administration = administration;
    }

    @GetMapping("/api/v1/users")
    List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @PostMapping("/api/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(@RequestBody NewUserRequest body, Authentication caller, HttpServletRequest request) {
        return UserView.of(administration.createUser(
                AccessRequests.actor(caller, request),
                AccessRequests.required(body.name(), "name", 64),
                AccessRequests.role(body.role()),
                body.email() == null ? null : AccessRequests.limited(body.email(), "email", 254),
                body.password() == null ? null : AccessRequests.limited(body.password(), "password", 200)));
    }

    @PatchMapping("/api/v1/users/{name}")
    UserView update(
            @PathVariable String name,
            @RequestBody UserChange body,
            Authentication caller,
            HttpServletRequest request) {
        return UserView.of(administration.updateUser(
                AccessRequests.actor(caller, request),
                AccessRequests.limited(name, "name", 64),
                body.role() == null ? null : AccessRequests.role(body.role()),
                body.disabled()));
    }

    /** A password is optional: users without one sign in otherwise (OpenID Connect) or only own keys. */
    record NewUserRequest(
            @Nullable String name,
            @Nullable String role,
            @Nullable String email,
            @Nullable String password) {

        @Override
        public String toString() {
            return "NewUserRequest[name=" + name + ", role=" + role + ", email=" + email + ", password=<hidden>]";
        }
    }

    record UserChange(@Nullable String role, @Nullable Boolean disabled) {}

    record UserView(
            UUID id,
            String name,
            @Nullable String email,
            String role,
            boolean hasPassword,
            boolean enabled,
            Instant createdAt,
            @Nullable Instant disabledAt) {
        static UserView of(User user) {
            return new UserView(
                    user.id(),
                    user.name(),
                    user.email(),
                    user.role().id(),
                    user.hasPassword(),
                    user.enabled(),
                    user.createdAt(),
                    user.disabledAt());
        }
    }
}
