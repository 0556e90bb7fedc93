package dev.pipfix.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time code that proves the person on the setup page can read this server's log or its {@code DATA_DIR},
 * as Jenkins' initial admin password does: without it, whoever reached a new server's page first could register their
 * own App in its place. Each code works once; the next is written and logged when it is used, and the file goes once
 * the App is registered.
 */
public final class SetupCode {

    private static final Logger LOG = LoggerFactory.getLogger(SetupCode.class);
    /** 32 symbols without the look-alikes 0/O and 1/I: five bits each, easy to read off a log and type. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    /** 100 bits: not guessable at any rate a web server answers. */
    private static final int SYMBOLS = 20;

    private static final int GROUP = 5;

    private final Path file;
    private final SecureRandom random;
    private String code;

    private SetupCode(Path file, SecureRandom random, String code) {
        this.file = file;
        this.random = random;
        this.code = code;
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve("setup-code");
    }

    /**
     * The code an earlier start left in {@code DATA_DIR/setup-code}, or a new one written there; logged either way,
     * since a host whose disk is wiped at every start (Heroku) shows only its log.
     */
    public static SetupCode open(Path dataDir, SecureRandom random) {
        Path file = file(dataDir);
        Optional<String> saved = read(file);
        SetupCode setupCode = new SetupCode(file, random, saved.orElseGet(() -> generate(random)));
        if (saved.isEmpty()) {
            setupCode.save();
        }
        setupCode.announce("setup code");
        return setupCode;
    }

    /**
     * Whether {@code given} is the current code, compared in constant time; a match uses it up, and the next code is
     * written and logged for a later registration.
     */
    public synchronized boolean use(String given) {
        byte[] expected = code.getBytes(StandardCharsets.US_ASCII);
        byte[] offered = normalise(given).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, offered)) {
            return false;
        }
        code = generate(random);
        save();
        announce("setup code used; the next one, for another registration, is");
        return true;
    }

    /** The App is registered: no code opens the setup pages again. */
    public synchronized void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn(
                    "{} could not be deleted ({}); it opens nothing now that the App is registered",
                    file,
                    e.getMessage());
        }
    }

    /** Removes a code left behind by a start before the App's credentials were given another way. */
    public static void deleteLeftover(Path dataDir) {
        try {
            Files.deleteIfExists(file(dataDir));
        } catch (IOException e) {
            LOG.warn("{} could not be deleted: {}", file(dataDir), e.getMessage());
        }
    }

    /** Spaces, hyphens and case do not matter: people copy the code from a log line or type it. */
    private static String normalise(String given) {
        return given == null ? "" : given.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private static String generate(SecureRandom random) {
        StringBuilder code = new StringBuilder(SYMBOLS);
        for (int i = 0; i < SYMBOLS; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    private static Optional<String> read(Path file) {
        try {
            String saved = normalise(Files.readString(file, StandardCharsets.US_ASCII));
            return saved.length() == SYMBOLS && saved.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)
                    ? Optional.of(saved)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void save() {
        try {
            PrivateFiles.write(file, grouped() + "\n");
        } catch (IOException e) {
            LOG.warn("the setup code could not be saved to {} ({}); it is in this log only", file, e.getMessage());
        }
    }

    private void announce(String what) {
        LOG.info(
                "{} {} (also in {}): the setup page asks for it before it registers the GitHub App",
                what,
                grouped(),
                file);
    }

    private String grouped() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < code.length(); i += GROUP) {
            out.append(i == 0 ? "" : "-").append(code, i, Math.min(code.length(), i + GROUP));
        }
        return out.toString();
    }
}
