package dev.vigil.respond;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The set-up of an integration test of the Defender API: Vigil on a random port, with no first admin key
 * (each test makes its own through {@link TestKeys}, which this imports) and no triage workers, so alerts a
 * test stores stay as it left them. A test adds its own properties with {@code @TestPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.access.create-first-admin-key=false", "vigil.triage.workers=0"})
@Import(TestKeys.class)
public @interface DefenderServer {}
