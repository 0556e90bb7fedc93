package dev.pipfix.setup;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code state} values handed to GitHub with the manifest, so that a callback is known to come from a
 * registration this instance started: random, good for one callback, within the hour GitHub gives the flow.
 */
public final class SetupStates {

    public static final Duration LIFETIME = Duration.ofHours(1);
    private static final int MAX_OUTSTANDING = 1_000;

    private final SecureRandom random;
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();

    public SetupStates(SecureRandom random) {
        this.random = random;
    }

    public String issue(Instant now) {
        issued.values().removeIf(at -> at.plus(LIFETIME).isBefore(now));
        if (issued.size() >= MAX_OUTSTANDING) {
            // someone is reloading the setup page in a loop; the oldest registrations lose their state first
            issued.entrySet().stream()
                    .min(Map.Entry.comparingByValue())
                    .ifPresent(oldest -> issued.remove(oldest.getKey()));
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(state, now);
        return state;
    }

    /** Whether the state is one this issued within the hour and not yet used. */
    public boolean valid(String state, Instant now) {
        Instant at = state == null ? null : issued.get(state);
        return at != null && !at.plus(LIFETIME).isBefore(now);
    }

    /** @return true once for a state this issued within the hour; false for any other, and for the same again */
    public boolean consume(String state, Instant now) {
        if (state == null) {
            return false;
        }
        Instant at = issued.remove(state);
        return at != null && !at.plus(LIFETIME).isBefore(now);
    }
}
