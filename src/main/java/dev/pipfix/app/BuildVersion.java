package dev.pipfix.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** pipfix's version, as the build wrote it into {@code dev/pipfix/version.properties}. */
final class BuildVersion {

    private BuildVersion() {}

    static String read() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("/dev/pipfix/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
