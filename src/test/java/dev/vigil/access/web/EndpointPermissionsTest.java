package dev.vigil.access.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.Permission;
import dev.vigil.access.PublicEndpoint;
import dev.vigil.access.RequiresPermission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The central check against real Spring MVC mappings of a few controllers of the test's own. */
class EndpointPermissionsTest {

    @RestController
    static class Declared {
        @GetMapping("/t/alerts/{id}")
        @RequiresPermission(Permission.ALERTS_READ)
        String read(@PathVariable String id) {
            return id;
        }

        @PostMapping("/t/alerts/{id}")
        @RequiresPermission(Permission.ALERTS_TRIAGE)
        String triage(@PathVariable String id) {
            return id;
        }

        @PostMapping("/t/slack")
        @PublicEndpoint(because = "signed by Slack")
        String slack() {
            return "";
        }

        @GetMapping("/t/forgotten")
        String forgotten() {
            return "";
        }
    }

    @RestController
    @RequiresPermission(Permission.KEYS_MANAGE)
    static class DeclaredOnClass {
        @GetMapping("/t/keys")
        String keys() {
            return "";
        }

        @GetMapping("/t/keys/count")
        @RequiresPermission(Permission.STATUS_READ)
        String count() {
            return "";
        }
    }

    private static AnnotationConfigApplicationContext context;
    private static EndpointPermissions permissions;

    @BeforeAll
    static void mappings() {
        context = new AnnotationConfigApplicationContext();
        context.registerBean(Declared.class);
        context.registerBean(DeclaredOnClass.class);
        context.registerBean(RequestMappingHandlerMapping.class);
        context.refresh();
        permissions = new EndpointPermissions(context.getBeanProvider(RequestMappingHandlerMapping.class));
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    void aHolderOfTheDeclaredPermissionPasses() {
        assertThat(granted("GET", "/t/alerts/42", caller("PERM_alerts:read"))).isTrue();
        assertThat(granted("POST", "/t/alerts/42", caller("PERM_alerts:triage")))
                .isTrue();
    }

    @Test
    void theMethodsOfOnePathAreToldApart() {
        assertThat(granted("POST", "/t/alerts/42", caller("PERM_alerts:read"))).isFalse();
        AuthorizationResult result = authorize("POST", "/t/alerts/42", caller("PERM_alerts:read"));
        assertThat(result).isInstanceOf(EndpointPermissions.Denied.class);
        assertThat(((EndpointPermissions.Denied) result).reason()).contains("alerts:triage");
    }

    @Test
    void anUndeclaredHandlerIsRefusedEvenToAnAdmin() {
        Authentication admin = caller(java.util.Arrays.stream(Permission.values())
                .map(Permission::authority)
                .toArray(String[]::new));
        AuthorizationResult result = authorize("GET", "/t/forgotten", admin);
        assertThat(result.isGranted()).isFalse();
        assertThat(((EndpointPermissions.Denied) result).reason()).contains("declares no permission");
    }

    @Test
    void aPublicEndpointNeedsNoCaller() {
        assertThat(granted("POST", "/t/slack", anonymous())).isTrue();
    }

    @Test
    void anAnonymousCallerIsRefusedADeclaredEndpoint() {
        assertThat(granted("GET", "/t/alerts/42", anonymous())).isFalse();
        assertThat(granted("GET", "/t/alerts/42", null)).isFalse();
    }

    @Test
    void aMethodsDeclarationWinsOverItsClasses() {
        assertThat(granted("GET", "/t/keys", caller("PERM_status:read"))).isFalse();
        assertThat(granted("GET", "/t/keys", caller("PERM_keys:manage"))).isTrue();
        assertThat(granted("GET", "/t/keys/count", caller("PERM_status:read"))).isTrue();
    }

    @Test
    void requestsNoHandlerAnswersNeedOnlyAnAuthenticatedCaller() {
        assertThat(granted("GET", "/t/nowhere", caller())).isTrue();
        assertThat(granted("GET", "/t/nowhere", anonymous())).isFalse();
        // A known path with a method it does not take: the dispatcher answers 405 to a known caller.
        assertThat(granted("DELETE", "/t/alerts/42", caller())).isTrue();
        assertThat(granted("DELETE", "/t/alerts/42", anonymous())).isFalse();
    }

    @Test
    void theLookUpLeavesNoTraceOnTheRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/t/alerts/42");
        request.setAttribute("before", "kept");
        permissions.authorize(() -> caller("PERM_alerts:read"), new RequestAuthorizationContext(request));
        assertThat(java.util.Collections.list(request.getAttributeNames())).containsExactly("before");
    }

    private static boolean granted(String method, String path, Authentication caller) {
        return authorize(method, path, caller).isGranted();
    }

    private static AuthorizationResult authorize(String method, String path, Authentication caller) {
        return permissions.authorize(
                () -> caller, new RequestAuthorizationContext(new MockHttpServletRequest(method, path)));
    }

    private static Authentication caller(String... authorities) {
        return new TestingAuthenticationToken("key:test", "", AuthorityUtils.createAuthorityList(authorities));
    }

    private static Authentication anonymous() {
        return new AnonymousAuthenticationToken(
                "anonymous", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    }
}
