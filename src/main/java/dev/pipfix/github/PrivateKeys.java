package dev.pipfix.github;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the App's RSA private key. GitHub issues PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), which the JDK cannot
 * read directly; it is wrapped in a PKCS#8 {@code PrivateKeyInfo} with the JDK alone. PKCS#8 is read as is.
 */
public final class PrivateKeys {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private PrivateKeys() {}

    /**
     * @param text the PEM text, or the base64 of it (as some hosts require for multi-line values); literal
     *             {@code \n} sequences, as pasted into single-line settings, are read as line breaks
     */
    public static RSAPrivateKey parse(String text) throws KeyFormatException {
        String pem = text.strip().replace("\\n", "\n");
        if (!pem.contains("-----BEGIN")) {
            pem = decodeBase64Pem(pem);
        }
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new KeyFormatException("it is not a PEM private key (no matching BEGIN/END lines); use the .pem file"
                    + " GitHub gave you when you generated the App's private key");
        }
        String type = matcher.group(1);
        String body = matcher.group(2);
        if (type.equals("ENCRYPTED PRIVATE KEY") || body.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new KeyFormatException("the key is encrypted with a passphrase; decrypt it first"
                    + " (openssl pkey -in key.pem -out plain.pem) or generate a new key on the App's settings page");
        }
        byte[] der = base64Body(body);
        return switch (type) {
            case "RSA PRIVATE KEY" -> rsa(pkcs1ToPkcs8(der));
            case "PRIVATE KEY" -> {
                if (!startsWithRsaAlgorithm(der)) {
                    throw new KeyFormatException("the key is a PKCS#8 key of another algorithm, not an RSA private"
                            + " key; GitHub Apps sign with RSA: generate a private key on the App's settings page");
                }
                yield rsa(der);
            }
            default ->
                throw new KeyFormatException("the key is a '" + type + "', not an RSA private key;"
                        + " GitHub Apps sign with RSA: generate a private key on the App's settings page");
        };
    }

    private static String decodeBase64Pem(String text) throws KeyFormatException {
        try {
            String decoded = new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
            if (decoded.contains("-----BEGIN")) {
                return decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // fall through to the message below
        }
        throw new KeyFormatException("it is neither PEM text nor base64 of PEM text;"
                + " give the contents of the .pem file GitHub generated for the App");
    }

    private static byte[] base64Body(String body) throws KeyFormatException {
        StringBuilder base64 = new StringBuilder();
        for (String line : body.split("\\R")) {
            if (!line.contains(":")) {
                base64.append(line.strip());
            }
        }
        try {
            return Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("the PEM body is not valid base64; the file may be damaged or truncated");
        }
    }

    private static RSAPrivateKey rsa(byte[] pkcs8) throws KeyFormatException {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new KeyFormatException("the key is not a readable RSA private key (" + e.getMessage() + ");"
                    + " generate a new private key on the App's settings page");
        }
    }

    /** PrivateKeyInfo starts with its version and AlgorithmIdentifier; look for rsaEncryption there. */
    private static boolean startsWithRsaAlgorithm(byte[] der) {
        int searchEnd = Math.min(der.length, 32) - RSA_ALGORITHM_IDENTIFIER.length;
        for (int start = 0; start <= searchEnd; start++) {
            if (Arrays.equals(
                    der,
                    start,
                    start + RSA_ALGORITHM_IDENTIFIER.length - 2,
                    RSA_ALGORITHM_IDENTIFIER,
                    0,
                    RSA_ALGORITHM_IDENTIFIER.length - 2)) {
                return true;
            }
        }
        return false;
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING pkcs1 }. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(RSA_ALGORITHM_IDENTIFIER);
        content.write(0x04);
        content.writeBytes(derLength(pkcs1.length));
        content.writeBytes(pkcs1);
        byte[] inner = content.toByteArray();
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        outer.write(0x30);
        outer.writeBytes(derLength(inner.length));
        outer.writeBytes(inner);
        return outer.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        byte[] encoded = new byte[bytes + 1];
        encoded[0] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            encoded[bytes - i] = (byte) (length >>> (8 * i));
        }
        return encoded;
    }
}
