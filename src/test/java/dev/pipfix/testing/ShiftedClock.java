package dev.pipfix.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, shifted by what the test adds: time passes as it does (a server's scheduler keeps running on
 * it), and the test can jump ahead to a token's expiry without waiting an hour.
 */
public final class ShiftedClock extends Clock {

    private volatile Duration shift = Duration.ZERO;

    public void advance(Duration duration) {
        shift = shift.plus(duration);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
