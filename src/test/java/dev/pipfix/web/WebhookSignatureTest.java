package dev.pipfix.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private final WebhookSignature signature = new WebhookSignature("It's a Secret to Everybody");

    @Test
    void githubs_published_test_vector_matches() {
        assertThat(signature.matches(BODY, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"))
                .isTrue();
        assertThat(signature.sign(BODY))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void uppercase_hex_is_the_same_signature() {
        assertThat(signature.matches(BODY, "sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17"))
                .isTrue();
    }

    @Test
    void another_body_another_secret_or_a_malformed_header_do_not_match() {
        String good = signature.sign(BODY);

        assertThat(signature.matches("Hello, World?".getBytes(StandardCharsets.UTF_8), good))
                .isFalse();
        assertThat(new WebhookSignature("another secret").matches(BODY, good)).isFalse();
        assertThat(signature.matches(BODY, null)).isFalse();
        assertThat(signature.matches(BODY, "")).isFalse();
        assertThat(signature.matches(BODY, good.substring("sha256=".length()))).isFalse();
        assertThat(signature.matches(BODY, "sha1=757107ea0eb2509fc211221cce984b8a37570b6d"))
                .isFalse();
        assertThat(signature.matches(BODY, "sha256=not-hex")).isFalse();
        assertThat(signature.matches(BODY, good.substring(0, good.length() - 2)))
                .isFalse();
    }
}
