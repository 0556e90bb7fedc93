package dev.pipfix.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PrivateKeysTest {

    @Test
    void pkcs1_as_github_issues_it_and_pkcs8_of_the_same_key_read_the_same() throws Exception {
        RSAPrivateKey pkcs1 = PrivateKeys.parse(key("app-pkcs1.pem"));
        RSAPrivateKey pkcs8 = PrivateKeys.parse(key("app-pkcs8.pem"));

        assertThat(pkcs1.getModulus()).isEqualTo(pkcs8.getModulus());
        assertThat(pkcs1.getPrivateExponent()).isEqualTo(pkcs8.getPrivateExponent());
        assertThat(pkcs1.getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void base64_of_the_pem_reads_as_the_pem() throws Exception {
        String base64 = Base64.getEncoder().encodeToString(key("app-pkcs1.pem").getBytes(StandardCharsets.UTF_8));

        assertThat(PrivateKeys.parse(base64).getModulus())
                .isEqualTo(PrivateKeys.parse(key("app-pkcs1.pem")).getModulus());
    }

    @Test
    void a_pem_pasted_on_one_line_with_literal_backslash_n_reads() throws Exception {
        String oneLine = key("app-pkcs1.pem").strip().replace("\n", "\\n");

        assertThat(PrivateKeys.parse(oneLine).getModulus())
                .isEqualTo(PrivateKeys.parse(key("app-pkcs1.pem")).getModulus());
    }

    @Test
    void garbage_is_refused_with_what_to_do() {
        assertThatThrownBy(() -> PrivateKeys.parse("my-key"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("neither PEM text nor base64");
        assertThatThrownBy(() -> PrivateKeys.parse("-----BEGIN RSA PRIVATE KEY-----\nAAAA"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("not a PEM private key");
        assertThatThrownBy(() -> PrivateKeys.parse(
                        "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END RSA PRIVATE KEY-----"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("not a readable RSA private key");
    }

    @Test
    void encrypted_keys_in_both_formats_are_refused_as_encrypted() {
        assertThatThrownBy(() -> PrivateKeys.parse(key("app-encrypted-pkcs1.pem")))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("encrypted with a passphrase");
        assertThatThrownBy(() -> PrivateKeys.parse(key("app-encrypted-pkcs8.pem")))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("encrypted with a passphrase");
    }

    @Test
    void an_ec_key_is_refused_as_not_rsa() {
        assertThatThrownBy(() -> PrivateKeys.parse(key("ec.pem")))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("'EC PRIVATE KEY', not an RSA");
        assertThatThrownBy(() -> PrivateKeys.parse(key("ec-pkcs8.pem")))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("another algorithm, not an RSA");
    }

    static String key(String name) throws IOException {
        try (InputStream in = PrivateKeysTest.class.getResourceAsStream("/keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
