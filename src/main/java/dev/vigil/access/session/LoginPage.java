package dev.vigil.access.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in form. A fixed page with three holes: the form's CSRF token, a notice and an optional
 * single-sign-on link. No script or inline style, so it works under {@code Content-Security-Policy:
 * default-src 'self'}.
 */
final class LoginPage {

    /** One message for every refusal, so the page never says whether a name exists or is locked. */
    static final String REFUSED = "Sign-in failed: the name or password is wrong, or the account cannot sign in now.";

    static final String SIGNED_OUT = "You are signed out.";

    private final String template;

    private LoginPage(String template) {
        this.template = template;
    }

    static LoginPage load() {
        try (InputStream in = LoginPage.class.getResourceAsStream("/access/login.html")) {
            if (in == null) {
                throw new IllegalStateException("access/login.html is missing from the class path");
            }
            return new LoginPage(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String render(String csrfToken, Notice notice, boolean singleSignOn) {
        return template.replace("{{csrf}}", HtmlUtils.htmlEscape(csrfToken))
                .replace("{{notice}}", notice.html())
                .replace(
                        "{{oidc}}",
                        singleSignOn
                                ? "<a class=\"alternative\" href=\"/oauth2/authorization/oidc\">Sign in with your organisation</a>"
                                : "");
    }

    enum Notice {
        NONE(""),
        REFUSED("<p class=\"notice error\" role=\"alert\">" + HtmlUtils.htmlEscape(LoginPage.REFUSED) + "</p>"),
        SIGNED_OUT("<p class=\"notice\">" + LoginPage.SIGNED_OUT + "</p>");

        private final String html;

        Notice(String html) {
            this.html = html;
        }

        String html() {
            return html;
        }
    }
}
