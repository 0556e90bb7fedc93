package dev.pipfix.queue;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;

/**
 * A fixed delay between runs, whose first run waits a little after start-up: catch-up signs a JWT and calls GitHub
 * over TLS, which on two cores slowed the web server's own start by a tenth of a second, for work that can wait.
 */
final class FirstRunDelayed implements Schedule {

    private final FixedDelay every;
    private final Duration firstDelay;

    FirstRunDelayed(Duration every, Duration firstDelay) {
        this.every = FixedDelay.of(every);
        this.firstDelay = firstDelay;
    }

    @Override
    public Instant getInitialExecutionTime(Instant now) {
        return now.plus(firstDelay);
    }

    @Override
    public Instant getNextExecutionTime(ExecutionComplete executionComplete) {
        return every.getNextExecutionTime(executionComplete);
    }

    @Override
    public boolean isDeterministic() {
        return every.isDeterministic();
    }

    @Override
    public String toString() {
        return every + " (first after " + firstDelay + ")";
    }
}
