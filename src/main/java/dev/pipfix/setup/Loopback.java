package dev.pipfix.setup;

import java.net.URI;
import java.util.Locale;

/** Addresses only this machine can reach. */
public final class Loopback {

    private Loopback() {}

    /** Whether the URL names this machine: {@code localhost}, 127.0.0.0/8 or [::1]. No name is looked up. */
    public static boolean isLoopbackUrl(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost")
                || host.matches("127(\\.\\d{1,3}){3}")
                || host.equals("[::1]")
                || host.equals("::1");
    }
}
